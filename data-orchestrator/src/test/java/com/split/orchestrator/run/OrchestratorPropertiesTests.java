package com.split.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.autoconfigure.TaskBusProperties;
import com.split.tasks.codec.TaskCodec;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class OrchestratorPropertiesTests {

    final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bus.class, RunConfiguration.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TaskBusProperties.class)
    static class Bus {

        @Bean
        TaskCodec taskCodec() {
            return new TaskCodec();
        }
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        contexts.run(context -> {
            OrchestratorProperties properties = context.getBean(OrchestratorProperties.class);
            assertThat(properties.chunkSize()).isEqualTo(50);
            assertThat(properties.runTimeout()).isEqualTo(Duration.ofMinutes(10));
            assertThat(properties.retention()).isEqualTo(Duration.ofDays(7));
            assertThat(properties.cancelTtl()).isEqualTo(Duration.ofHours(1));
            assertThat(properties.child().maxRetries()).isEqualTo(3);
            assertThat(properties.child().timeout()).isEqualTo(Duration.ofMinutes(5));
        });
    }

    @Test
    void chunkSizeOutsideItsRangeIsRefused() {
        contexts.withPropertyValues("split.orchestrator.chunk-size=0")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("chunkSize"));
    }

    @Test
    void durationThatIsNotPositiveIsRefused() {
        contexts.withPropertyValues("split.orchestrator.run-timeout=0s")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("split.orchestrator.run-timeout must be positive"));
    }

    @Test
    void retentionShorterThanTheDedupeTtlIsRefused() {
        contexts.withPropertyValues("split.orchestrator.retention=1h")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining(
                                "split.orchestrator.retention (PT1H) must be at least split.bus.publish.dedupe-ttl"));
    }

    @Test
    void deadlineReasonNamesTheTimeoutAsConfigured() {
        assertThat(RunDeadlineHandler.readable(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(RunDeadlineHandler.readable(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(RunDeadlineHandler.readable(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
