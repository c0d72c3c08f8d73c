package com.split.yahoo.market;

import com.split.tasks.bus.BusRedis;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate kept in Redis, so that every yahoo-gateway instance paces against one schedule and sees one breaker. The
 * keys share the hash tag {@code {yahoo}}, so each script's keys sit in one cluster slot.
 */
final class RedisRequestGate implements RequestGate {

    private static final Logger log = LoggerFactory.getLogger(RedisRequestGate.class);
    private static final String ACQUIRE = script("yahoo-acquire-2");
    private static final String RATE_LIMITED = script("yahoo-rate-limited-2");

    private final BusRedis redis;
    private final YahooProperties properties;
    private final String breaker;
    private final String nextSlot;
    private final String rateLimited;

    RedisRequestGate(BusRedis redis, String keyPrefix, YahooProperties properties) {
        this.redis = redis;
        this.properties = properties;
        this.breaker = keyPrefix + ":{yahoo}:breaker";
        this.nextSlot = keyPrefix + ":{yahoo}:next-slot";
        this.rateLimited = keyPrefix + ":{yahoo}:rate-limited";
    }

    @Override
    public void acquire() {
        List<Long> reply = redis.await(redis.commands()
                .eval(
                        ACQUIRE,
                        ScriptOutputType.MULTI,
                        new String[] {breaker, nextSlot},
                        millis(properties.requestInterval()),
                        millis(properties.maxBackoff())));
        Duration wait = Duration.ofMillis(reply.get(1));
        if (reply.get(0) != 0) {
            throw new RateLimitedException("yahoo", wait);
        }
        if (wait.isPositive()) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a Yahoo request slot", e);
            }
        }
    }

    @Override
    public Duration rateLimited(@Nullable Duration retryAfter) {
        Duration breakerOpen = properties.breakerOpen();
        long count = Objects.requireNonNull(redis.await(redis.commands()
                .<Long>eval(
                        RATE_LIMITED,
                        ScriptOutputType.INTEGER,
                        new String[] {rateLimited, breaker},
                        Long.toString(properties.breakerThreshold()).getBytes(StandardCharsets.UTF_8),
                        millis(breakerOpen),
                        millis(breakerOpen.plus(properties.maxBackoff()).multipliedBy(2)))));
        Duration delay = properties.backoff(count);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        if (count >= properties.breakerThreshold()) {
            log.warn("Yahoo answered 429 {} times in a row: breaker open for {}", count, breakerOpen);
            return delay.compareTo(breakerOpen) > 0 ? delay : breakerOpen;
        }
        log.warn("Yahoo answered 429 ({} in a row): retrying the task in {}", count, delay);
        return delay;
    }

    @Override
    public void answered() {
        redis.await(redis.commands().del(rateLimited));
    }

    private static byte[] millis(Duration duration) {
        return Long.toString(duration.toMillis()).getBytes(StandardCharsets.UTF_8);
    }

    private static String script(String name) {
        try (InputStream in = RedisRequestGate.class.getResourceAsStream("lua/" + name + ".lua")) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
