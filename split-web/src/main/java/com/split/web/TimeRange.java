package com.split.web;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The {@code from} and {@code to} parameters of a list filtered by time; either end may be open. */
public record TimeRange(@Nullable Instant from, @Nullable Instant to) {

    /**
     * @throws InvalidParameterException naming {@code from} or {@code to} when it is not an instant, or {@code to} when
     *     it is before {@code from}
     */
    public static TimeRange parse(@Nullable String from, @Nullable String to) {
        Instant start = Parameters.instant("from", from);
        Instant end = Parameters.instant("to", to);
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidParameterException("to", "must not be before 'from'");
        }
        return new TimeRange(start, end);
    }
}
