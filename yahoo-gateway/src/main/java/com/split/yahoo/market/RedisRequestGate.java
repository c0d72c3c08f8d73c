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
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate kept in Redis, so that every yahoo-gateway instance paces against one schedule, counts one set of requests
 * in flight and sees one breaker. The
 * keys share the hash tag {@code {yahoo}}, so each script's keys sit in one cluster slot.
 */
final class RedisRequestGate implements RequestGate {

    private static final Logger log = LoggerFactory.getLogger(RedisRequestGate.class);
    private static final String ACQUIRE = script("yahoo-acquire-3");
    private static final long IN_FLIGHT_FULL = 3;
    // How often a request waiting for a place in flight asks again: a response takes longer than this.
    private static final Duration BUSY_POLL = Duration.ofMillis(20);
    private static final String RATE_LIMITED = script("yahoo-rate-limited-2");

    private final BusRedis redis;
    private final YahooProperties properties;
    private final String breaker;
    private final String inFlight;
    private final String nextSlot;
    private final String rateLimited;

    RedisRequestGate(BusRedis redis, String keyPrefix, YahooProperties properties) {
        this.redis = redis;
        this.properties = properties;
        this.breaker = keyPrefix + ":{yahoo}:breaker";
        this.inFlight = keyPrefix + ":{yahoo}:in-flight";
        this.nextSlot = keyPrefix + ":{yahoo}:next-slot";
        this.rateLimited = keyPrefix + ":{yahoo}:rate-limited";
    }

    @Override
    public Permit acquire() {
        String token = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + properties.maxBackoff().toNanos();
        while (true) {
            List<Long> reply = redis.await(redis.commands()
                    .eval(
                            ACQUIRE,
                            ScriptOutputType.MULTI,
                            new String[] {breaker, inFlight, nextSlot},
                            millis(properties.requestInterval()),
                            millis(properties.maxBackoff()),
                            bytes(properties.maxInFlight()),
                            token.getBytes(StandardCharsets.UTF_8),
                            millis(properties.connectTimeout().plus(properties.requestTimeout()))));
            long answer = reply.get(0);
            Duration wait = Duration.ofMillis(reply.get(1));
            if (answer == 0) {
                pause(wait);
                return () -> redis.await(redis.commands().zrem(inFlight, token.getBytes(StandardCharsets.UTF_8)));
            }
            if (answer != IN_FLIGHT_FULL) {
                throw new RateLimitedException("yahoo", wait);
            }
            if (System.nanoTime() > deadline) {
                // So many requests queue that the task is better off back on the bus than holding a worker.
                throw new RateLimitedException("yahoo", properties.requestTimeout());
            }
            pause(BUSY_POLL);
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
                        bytes(properties.breakerThreshold()),
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

    private static void pause(Duration wait) {
        if (!wait.isPositive()) {
            return;
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Yahoo request's turn", e);
        }
    }

    private static byte[] millis(Duration duration) {
        return bytes(duration.toMillis());
    }

    private static byte[] bytes(long number) {
        return Long.toString(number).getBytes(StandardCharsets.UTF_8);
    }

    private static String script(String name) {
        try (InputStream in = RedisRequestGate.class.getResourceAsStream("lua/" + name + ".lua")) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
