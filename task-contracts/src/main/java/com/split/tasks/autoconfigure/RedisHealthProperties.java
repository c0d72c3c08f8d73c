package com.split.tasks.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Health settings of every service on the bus ({@code split.health.*}).
 *
 * @param redisTimeout how long the {@code redis} health indicator waits for Redis before it reports DOWN; short, so
 *     that a readiness probe answers while Redis is down or hung (the bus's own commands keep
 *     {@code split.bus.command-timeout})
 */
@ConfigurationProperties("split.health")
public record RedisHealthProperties(@DefaultValue("1s") Duration redisTimeout) {

    public RedisHealthProperties {
        if (redisTimeout.isNegative() || redisTimeout.isZero()) {
            throw new IllegalArgumentException("split.health.redis-timeout must be positive, was " + redisTimeout);
        }
    }
}
