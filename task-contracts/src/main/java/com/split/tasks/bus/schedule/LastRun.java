package com.split.tasks.bus.schedule;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A schedule's latest run, as {@code fire-3.lua} keeps it.
 *
 * @param due the due time it stands for
 * @param taskId the task published for it, or journalled as skipped
 * @param skipped whether it was skipped as missed rather than published
 * @param recordedAt when the scheduler took it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LastRun(Instant due, UUID taskId, boolean skipped, Instant recordedAt) {

    /** Reads {@code "<due ms> <task id> <P|S> <recorded at ms>"}. */
    static LastRun parse(String value) {
        String[] parts = value.split(" ");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a schedule run: '%s'".formatted(value));
        }
        return new LastRun(
                Instant.ofEpochMilli(Long.parseLong(parts[0])),
                UUID.fromString(parts[1]),
                parts[2].equals("S"),
                Instant.ofEpochMilli(Long.parseLong(parts[3])));
    }
}
