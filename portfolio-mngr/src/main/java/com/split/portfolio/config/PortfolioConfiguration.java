package com.split.portfolio.config;

import com.split.web.RequestBodyLimit;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock every timestamp comes from (tests replace it), the bound on request bodies and the OpenAPI description's
 * header.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PortfolioProperties.class)
class PortfolioConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RequestBodyLimit requestBodyLimit(PortfolioProperties properties) {
        return new RequestBodyLimit(properties.maxRequestSize(), "split.portfolio.max-request-size");
    }

    @Bean
    OpenAPI portfolioOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("SPLit portfolio-mngr")
                        .description("Portfolios and their tickers, refresh runs and their recommendations. Errors"
                                + " are RFC 9457 problem details; the acting user is header X-User-Id"
                                + " (default user_zero)."));
    }
}
