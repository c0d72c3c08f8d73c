package com.split.tasks.bus;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/**
 * At most {@code tasks} claimed from a queue per {@code per}, by all its workers together: a token bucket in Redis
 * that the claim script draws from, {@code tasks} deep, so a queue idle for a while may start a burst of that many.
 */
public record RateLimit(int tasks, Duration per) {

    public RateLimit {
        if (tasks < 1 || per.toMillis() < 1) {
            throw new IllegalArgumentException("a rate limit is at least 1 task per at least 1ms");
        }
    }

    /**
     * @param raw {@code <tasks>/<duration>}, such as {@code 50/1s} or {@code 600/1m}
     * @throws IllegalArgumentException naming {@code property}, for anything else
     */
    public static RateLimit parse(String property, String raw) {
        String[] parts = raw.strip().split("/", 2);
        try {
            return new RateLimit(Integer.parseInt(parts[0].strip()), DurationStyle.detectAndParse(parts[1].strip()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "%s must be <tasks>/<duration>, such as 50/1s, was '%s'".formatted(property, raw), e);
        }
    }
}
