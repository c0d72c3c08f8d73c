package com.split.yahoo.market;

import com.split.tasks.bus.LuaScript;
import com.split.tasks.bus.RedisState;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
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
    private static final LuaScript ACQUIRE = LuaScript.load(RedisRequestGate.class, "lua/yahoo-acquire-3.lua");
    private static final long IN_FLIGHT_FULL = 3;
    // How often a request waiting for a place in flight asks again: a response takes longer than this.
    private static final Duration BUSY_POLL = Duration.ofMillis(20);
    private static final LuaScript RATE_LIMITED =
            LuaScript.load(RedisRequestGate.class, "lua/yahoo-rate-limited-2.lua");

    private final RedisState redis;
    private final YahooProperties properties;
    private final String breaker;
    private final String inFlight;
    private final String nextSlot;
    private final String rateLimited;

    RedisRequestGate(RedisState redis, YahooProperties properties) {
        this.redis = redis;
        this.properties = properties;
        List<String> keys = redis.requestGateKeys("yahoo");
        this.breaker = keys.get(0);
        this.inFlight = keys.get(1);
        this.nextSlot = keys.get(2);
        this.rateLimited = keys.get(3);
    }

    @Override
    public Permit acquire() {
        String token = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + properties.maxBackoff().toNanos();
        while (true) {
            List<Long> reply = redis.run(
                    ACQUIRE,
                    ScriptOutputType.MULTI,
                    List.of(breaker, inFlight, nextSlot),
                    List.of(
                            millis(properties.requestInterval()),
                            millis(properties.maxBackoff()),
                            Long.toString(properties.maxInFlight()),
                            token,
                            millis(properties.connectTimeout().plus(properties.requestTimeout()))));
            long answer = reply.get(0);
            Duration wait = Duration.ofMillis(reply.get(1));
            if (answer == 0) {
                pause(wait);
                return () -> redis.removeMember(inFlight, token);
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
        long count = redis.<Long>run(
                RATE_LIMITED,
                ScriptOutputType.INTEGER,
                List.of(rateLimited, breaker),
                List.of(
                        Long.toString(properties.breakerThreshold()),
                        millis(breakerOpen),
                        millis(breakerOpen.plus(properties.maxBackoff()).multipliedBy(2))));
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
        redis.delete(rateLimited);
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

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
