package com.split.tasks.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.tracing.LettuceObservationContext;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingAwareMeterObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What every service does not trace (Redis commands) or not observe at all (probes and Actuator, with their security). */
class ObservationFiltersAutoConfigurationTests {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ObservationFiltersAutoConfiguration.class));

    @Test
    void redisCommandsAreTimedButClaimedFromTheTracingHandlers() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ObservationFiltersAutoConfiguration.class))
                .withBean(Tracer.class, () -> Tracer.NOOP)
                .run(context -> {
                    LettuceObservationContext command = new LettuceObservationContext("redis");
                    assertThat(observed(context, "lettuce", command)).isTrue();
                    TracingObservationHandler<?> untraced = context.getBean(TracingObservationHandler.class);
                    assertThat(untraced.supportsContext(command)).isTrue();
                    assertThat(untraced.supportsContext(new Observation.Context()))
                            .isFalse();

                    // beside a meter handler, as Spring Boot groups them when it traces: the command is timed
                    SimpleMeterRegistry meters = new SimpleMeterRegistry();
                    ObservationRegistry registry = ObservationRegistry.create();
                    registry.observationConfig()
                            .observationHandler(untraced)
                            .observationHandler(new TracingAwareMeterObservationHandler<>(
                                    new DefaultMeterObservationHandler(meters), Tracer.NOOP));
                    Observation.createNotStarted("lettuce", () -> command, registry)
                            .observe(() -> {});
                    assertThat(meters.get("lettuce").timer().count()).isOne();
                });
    }

    @Test
    void withoutATracerNothingIsClaimed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ObservationFiltersAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(TracingObservationHandler.class));
    }

    @Test
    void probesAndActuatorAreNotObservedButTheApiIs() {
        web.run(context -> {
            for (String probe : List.of("/livez", "/readyz", "/actuator/prometheus", "/actuator/health/readiness")) {
                assertThat(observed(context, "http.server.requests", request(probe)))
                        .as(probe)
                        .isFalse();
            }
            assertThat(observed(context, "http.server.requests", request("/api/portfolios/1/refresh")))
                    .isTrue();
            assertThat(observed(context, "http.server.requests", request("/actuatorial")))
                    .isTrue();
        });
    }

    @Test
    void securityIsObservedOnlyWithinARequestThatIs() {
        web.run(context -> {
            assertThat(observed(context, "spring.security.filterchains", new Observation.Context()))
                    .as("the security of a probe, whose request is not observed")
                    .isFalse();
            Observation.Context withinRequest = new Observation.Context();
            withinRequest.setParentObservation(Observation.start("http.server.requests", ObservationRegistry.create()));
            assertThat(observed(context, "spring.security.filterchains", withinRequest))
                    .isTrue();
        });
    }

    private static boolean observed(ApplicationContext context, String name, Observation.Context observation) {
        return context.getBeansOfType(ObservationPredicate.class).values().stream()
                .allMatch(predicate -> predicate.test(name, observation));
    }

    private static ServerRequestObservationContext request(String path) {
        return new ServerRequestObservationContext(
                new MockHttpServletRequest("GET", path), new MockHttpServletResponse());
    }
}
