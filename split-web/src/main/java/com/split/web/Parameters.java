package com.split.web;

import com.split.tasks.QueueName;
import com.split.tasks.TaskStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads request parameters that arrive as text. Each one that cannot be used is an {@link InvalidParameterException}
 * naming it, so that a bad request is a 400 problem detail saying what to fix rather than a conversion error. Blank
 * counts as absent.
 */
public final class Parameters {

    private Parameters() {}

    public static UUID taskId(String name, String raw) {
        try {
            UUID id = UUID.fromString(raw.strip());
            // UUID.fromString accepts shortened groups such as 1-2-3-4-5: only the canonical form names a task
            if (!id.toString().equalsIgnoreCase(raw.strip())) {
                throw new IllegalArgumentException(raw);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(name, "must be a UUID, was '%s'".formatted(raw));
        }
    }

    public static @Nullable TaskStatus status(String name, @Nullable String raw) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        try {
            return TaskStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    name, "must be one of %s, was '%s'".formatted(List.of(TaskStatus.values()), raw));
        }
    }

    public static @Nullable QueueName queue(String name, @Nullable String raw) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        try {
            return QueueName.of(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    name, "must be a queue name (lower-case letters, digits, underscores), was '%s'".formatted(raw));
        }
    }

    public static @Nullable Instant instant(String name, @Nullable String raw) {
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

    /** An integer within {@code [min, max]}, or {@code absent} when not given. */
    public static int integer(String name, @Nullable String raw, int absent, int min, int max) {
        String value = blankToNull(raw);
        if (value == null) {
            return absent;
        }
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be an integer, was '%s'".formatted(raw));
        }
        if (number < min || number > max) {
            throw new InvalidParameterException(name, "must be between %d and %d, was %d".formatted(min, max, number));
        }
        return number;
    }

    /**
     * {@code true} or {@code false}, in any case; {@code absent} when absent or blank.
     *
     * @throws InvalidParameterException naming {@code name}, for anything else
     */
    public static boolean bool(String name, @Nullable String raw, boolean absent) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidParameterException(name, "must be true or false, was '%s'".formatted(raw));
        };
    }

    public static @Nullable String blankToNull(@Nullable String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
