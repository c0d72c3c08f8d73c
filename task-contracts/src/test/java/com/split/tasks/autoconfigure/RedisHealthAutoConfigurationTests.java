package com.split.tasks.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Which {@code redis} health contributor a service gets, with Spring Boot's own auto-configurations beside ours. Redis
 * points at a closed port: these contexts never ask it.
 */
class RedisHealthAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataRedisAutoConfiguration.class,
                    RedisHealthAutoConfiguration.class,
                    DataRedisReactiveHealthContributorAutoConfiguration.class,
                    DataRedisHealthContributorAutoConfiguration.class))
            .withPropertyValues("spring.data.redis.port=1");

    @Test
    void redisIndicatorWithADeadlineReplacesSpringBootsOwn() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ReactiveHealthContributor.class);
            assertThat(context).doesNotHaveBean(HealthIndicator.class);
            assertThat(context.getBean("redisHealthContributor")).isInstanceOf(DeadlineHealthIndicator.class);
        });
    }

    @Test
    void deadlineIsOneSecondByDefault() {
        runner.run(context -> assertThat(
                        context.getBean(RedisHealthProperties.class).redisTimeout())
                .isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void deadlineLeavesTheCommandTimeoutAlone() {
        runner.withPropertyValues("split.health.redis-timeout=300ms", "spring.data.redis.timeout=7s")
                .run(context -> {
                    assertThat(context.getBean(RedisHealthProperties.class).redisTimeout())
                            .isEqualTo(Duration.ofMillis(300));
                    assertThat(context.getBean(LettuceConnectionFactory.class)
                                    .getClientConfiguration()
                                    .getCommandTimeout())
                            .isEqualTo(Duration.ofSeconds(7));
                });
    }

    @Test
    void deadlineMustBePositive() {
        runner.withPropertyValues("split.health.redis-timeout=0s")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("split.health.redis-timeout must be positive"));
    }

    @Test
    void redisIndicatorCanBeSwitchedOffAsSpringBootsCan() {
        runner.withPropertyValues("management.health.redis.enabled=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean("redisHealthContributor")
                        .doesNotHaveBean(RedisHealthProperties.class));
    }

    @Test
    void userDefinedRedisIndicatorWins() {
        runner.withUserConfiguration(OwnRedisIndicator.class).run(context -> {
            assertThat(context).doesNotHaveBean("redisHealthContributor");
            assertThat(context).doesNotHaveBean(ReactiveHealthContributor.class);
            assertThat(context.getBean("redisHealthIndicator")).isSameAs(OwnRedisIndicator.INDICATOR);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRedisIndicator {

        static final HealthIndicator INDICATOR = () -> Health.up().build();

        @Bean
        HealthIndicator redisHealthIndicator() {
            return INDICATOR;
        }
    }
}
