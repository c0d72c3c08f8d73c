package com.split.events.task;

import com.split.tasks.QueueName;
import com.split.tasks.TaskStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The validated parameters of {@code GET /api/tasks}. */
record TaskFilter(
        @Nullable TaskStatus status,
        @Nullable QueueName queue,
        @Nullable String taskType,
        @Nullable String sessionId,
        @Nullable String userId,
        @Nullable Instant from,
        @Nullable Instant to,
        int page,
        int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    /** Parses the raw parameters; each one that is not usable is an {@link InvalidParameterException} naming it. */
    static TaskFilter parse(
            @Nullable String status,
            @Nullable String queue,
            @Nullable String taskType,
            @Nullable String sessionId,
            @Nullable String userId,
            @Nullable String from,
            @Nullable String to,
            @Nullable String page,
            @Nullable String size) {
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        if (fromInstant != null && toInstant != null && toInstant.isBefore(fromInstant)) {
            throw new InvalidParameterException("to", "must not be before 'from'");
        }
        int pageNumber = integer("page", page, 0);
        if (pageNumber < 0) {
            throw new InvalidParameterException("page", "must be 0 or more, was %d".formatted(pageNumber));
        }
        int pageSize = integer("size", size, DEFAULT_SIZE);
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw new InvalidParameterException(
                    "size", "must be between 1 and %d, was %d".formatted(MAX_SIZE, pageSize));
        }
        return new TaskFilter(
                status(status),
                queue(queue),
                blankToNull(taskType),
                blankToNull(sessionId),
                blankToNull(userId),
                fromInstant,
                toInstant,
                pageNumber,
                pageSize);
    }

    static UUID taskId(String raw) {
        try {
            UUID id = UUID.fromString(raw);
            // UUID.fromString accepts shortened groups such as 1-2-3-4-5: only the canonical form names a task
            if (!id.toString().equalsIgnoreCase(raw)) {
                throw new IllegalArgumentException(raw);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("taskId", "must be a UUID, was '%s'".formatted(raw));
        }
    }

    private static @Nullable TaskStatus status(@Nullable String raw) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        try {
            return TaskStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "status", "must be one of %s, was '%s'".formatted(java.util.List.of(TaskStatus.values()), raw));
        }
    }

    private static @Nullable QueueName queue(@Nullable String raw) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        try {
            return QueueName.of(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "queue", "must be a queue name (lower-case letters, digits, underscores), was '%s'".formatted(raw));
        }
    }

    private static @Nullable Instant instant(String name, @Nullable String raw) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(
                    name, "must be an ISO-8601 instant such as 2026-01-02T03:04:05Z, was '%s'".formatted(raw));
        }
    }

    private static int integer(String name, @Nullable String raw, int absent) {
        String value = blankToNull(raw);
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be an integer, was '%s'".formatted(raw));
        }
    }

    private static @Nullable String blankToNull(@Nullable String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
