package com.split.tasks.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.health.DataRedisReactiveHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import reactor.core.publisher.Flux;

/**
 * Spring Boot's {@code redis} health indicator with a deadline ({@code split.health.redis-timeout}). Without it, a
 * health check on a Redis that is down or hung waits for Lettuce's command timeout (60 s unless
 * {@code spring.data.redis.timeout} says otherwise), and so does every readiness probe that includes {@code redis}.
 * The deadline bounds the check alone: the connection factory's command timeout, which the application's own commands
 * use, is left as it is. Off, like Boot's, with {@code management.health.redis.enabled=false}.
 */
@AutoConfiguration(
        after = DataRedisAutoConfiguration.class,
        before = {
            DataRedisReactiveHealthContributorAutoConfiguration.class,
            DataRedisHealthContributorAutoConfiguration.class
        })
@ConditionalOnClass({
    ReactiveRedisConnectionFactory.class,
    Flux.class,
    ReactiveHealthIndicator.class,
    ConditionalOnEnabledHealthIndicator.class
})
@ConditionalOnBean(ReactiveRedisConnectionFactory.class)
@ConditionalOnEnabledHealthIndicator("redis")
@EnableConfigurationProperties(RedisHealthProperties.class)
public final class RedisHealthAutoConfiguration {

    /** Named as Boot's contributor, which then backs off; the endpoint calls it {@code redis}. */
    @Bean
    @ConditionalOnMissingBean(name = {"redisHealthIndicator", "redisHealthContributor"})
    ReactiveHealthIndicator redisHealthContributor(
            ReactiveRedisConnectionFactory connectionFactory, RedisHealthProperties properties) {
        return new DeadlineHealthIndicator(
                new DataRedisReactiveHealthIndicator(connectionFactory), properties.redisTimeout());
    }
}
