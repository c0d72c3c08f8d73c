package com.split.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.ObjectSchema;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every SPLit HTTP API shares: 503 problem details while Redis or the database is away, and an OpenAPI
 * description in the APIs' snake_case.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class SplitWebAutoConfiguration {

    @Bean
    UnavailableAdvice unavailableAdvice() {
        return new UnavailableAdvice();
    }

    /**
     * springdoc describes models with swagger-core's Jackson 2, which does not see the Jackson 3 {@code @JsonNaming}
     * of the API records: the APIs are snake_case throughout, so the model resolver is told so. Raw JSON (envelopes,
     * events, log records) is described as a JSON object rather than as Jackson's tree class.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ModelResolver.class)
    static class OpenApi {

        static {
            SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class, new ObjectSchema());
        }

        @Bean
        ModelResolver snakeCaseModelResolver() {
            return new ModelResolver(
                    Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
        }
    }
}
