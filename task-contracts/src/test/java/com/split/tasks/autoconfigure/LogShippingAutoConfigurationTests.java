package com.split.tasks.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.split.tasks.logs.LogShippingProperties;
import com.split.tasks.logs.RedisLogAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which beans log shipping contributes. Redis points at a closed port: nothing here needs an answer. */
class LogShippingAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataRedisAutoConfiguration.class,
                    TaskBusAutoConfiguration.class,
                    LogShippingAutoConfiguration.class))
            .withPropertyValues(
                    "spring.data.redis.port=1",
                    "split.bus.key-prefix=autoconfig-" + UUID.randomUUID(),
                    "split.logs.flush-timeout=100ms");

    private static boolean attachedToRoot(RedisLogAppender appender) {
        return ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger(Logger.ROOT_LOGGER_NAME)
                .isAttached(appender);
    }

    @Test
    void shipsWarningsByDefaultWhileTheContextRuns() {
        runner.run(context -> {
            RedisLogAppender appender = context.getBean(RedisLogAppender.class);
            assertThat(appender.isStarted()).isTrue();
            assertThat(attachedToRoot(appender)).isTrue();
            assertThat(context.getBean(LogShippingProperties.class))
                    .isEqualTo(new LogShippingProperties(
                            true, LogLevel.WARN, 10_000, 500, 1_000_000, java.time.Duration.ofMillis(100)));
            context.close();
            assertThat(attachedToRoot(appender)).isFalse();
            assertThat(appender.isStarted()).isFalse();
        });
    }

    @Test
    void offWhenDisabled() {
        runner.withPropertyValues("split.logs.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(RedisLogAppender.class));
    }

    @Test
    void rejectsAnEmptyBuffer() {
        runner.withPropertyValues("split.logs.buffer-size=0")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void exportsItsMetrics() {
        runner.withBean(SimpleMeterRegistry.class).run(context -> {
            SimpleMeterRegistry meters = context.getBean(SimpleMeterRegistry.class);
            assertThat(meters.get("split.logs.shipped").functionCounter().count())
                    .isZero();
            assertThat(meters.get("split.logs.dropped").functionCounter().count())
                    .isZero();
            assertThat(meters.get("split.logs.buffered").gauge().value()).isZero();
        });
    }
}
