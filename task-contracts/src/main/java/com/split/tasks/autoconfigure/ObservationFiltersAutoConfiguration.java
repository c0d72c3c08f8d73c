package com.split.tasks.autoconfigure;

import io.lettuce.core.tracing.LettuceObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * What no service traces, because with tracing on each would be a trace of its own many times a minute, burying the
 * requests and task runs worth reading (docs/operations.md, "Tracing"):
 *
 * <ul>
 *   <li>single Redis commands: Lettuce's observations are not children of the span that sent the command, so every
 *       fetch-loop wait, heartbeat and stream read would be a trace. They stay timed (the {@code lettuce} timer, which
 *       the Redis dashboard reads) but get no span; the task runs' spans say where a task's time goes;
 *   <li>probes and Actuator: {@code /livez}, {@code /readyz} and {@code /actuator/**}, which health checks and
 *       Prometheus call every few seconds per instance, and Spring Security's observations of those requests: not
 *       observed at all (no span, no timer).
 * </ul>
 */
// after the auto-configuration that makes the Tracer
@AutoConfiguration(
        afterName =
                "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnClass(ObservationPredicate.class)
public final class ObservationFiltersAutoConfiguration {

    /** First of the tracing handlers, which take each observation to the first that supports it. */
    @Bean
    @ConditionalOnBean(Tracer.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    UntracedObservations untracedRedisCommands(Tracer tracer) {
        return new UntracedObservations(tracer, LettuceObservationContext.class);
    }

    /**
     * Claims the observations of one kind for tracing and starts no span for them, so that no other tracing handler
     * does; the meter handlers, a group of their own, still time them.
     */
    static final class UntracedObservations implements TracingObservationHandler<Observation.Context> {

        private final Tracer tracer;

        private final Class<? extends Observation.Context> kind;

        UntracedObservations(Tracer tracer, Class<? extends Observation.Context> kind) {
            this.tracer = tracer;
            this.kind = kind;
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return kind.isInstance(context);
        }

        @Override
        public Tracer getTracer() {
            return tracer;
        }

        // A tracing context without a span, which the meter handlers read on stop (for exemplars); no span to close,
        // tag or scope: each default would look for one.
        @Override
        public void onStart(Observation.Context context) {
            getTracingContext(context);
        }

        @Override
        public void onStop(Observation.Context context) {}

        @Override
        public void onError(Observation.Context context) {}

        @Override
        public void onEvent(Observation.Event event, Observation.Context context) {}

        @Override
        public void onScopeOpened(Observation.Context context) {}

        @Override
        public void onScopeClosed(Observation.Context context) {}

        @Override
        public void onScopeReset(Observation.Context context) {}
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
