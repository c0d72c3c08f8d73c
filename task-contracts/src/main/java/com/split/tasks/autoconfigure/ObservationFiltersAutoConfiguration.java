package com.split.tasks.autoconfigure;

import io.lettuce.core.tracing.LettuceObservationContext;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * What no service observes (no span, no timer), because with tracing on each would be a trace of its own many times a
 * minute, burying the requests and task runs worth reading (docs/operations.md, "Tracing"):
 *
 * <ul>
 *   <li>single Redis commands: Lettuce's observations are not children of the span that sent the command, so every
 *       fetch-loop wait, heartbeat and stream read would be a trace. The task runs' spans say where a task's time goes;
 *       the bus's meters time claims and runs;
 *   <li>probes and Actuator: {@code /livez}, {@code /readyz} and {@code /actuator/**}, which health checks and
 *       Prometheus call every few seconds per instance, and Spring Security's observations of those requests.
 * </ul>
 */
@AutoConfiguration
@ConditionalOnClass(ObservationPredicate.class)
public final class ObservationFiltersAutoConfiguration {

    @Bean
    ObservationPredicate noRedisCommandObservations() {
        return (name, context) -> !(context instanceof LettuceObservationContext);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(ServerRequestObservationContext.class)
    static class ProbeObservations {

        @Bean
        ObservationPredicate noProbeObservations() {
            return (name, context) -> {
                if (context instanceof ServerRequestObservationContext request) {
                    return !isProbe(request.getCarrier().getRequestURI());
                }
                // Spring Security observes every request within the request's observation: with a probe's dropped,
                // its own would have no parent and be traces of their own.
                return !(name.startsWith("spring.security.") && context.getParentObservation() == null);
            };
        }

        static boolean isProbe(String path) {
            return path.equals("/livez")
                    || path.equals("/readyz")
                    || path.equals("/actuator")
                    || path.startsWith("/actuator/");
        }
    }
}
