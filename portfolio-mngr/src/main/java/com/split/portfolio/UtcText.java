package com.split.portfolio;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * DATETIME(3) columns hold UTC and travel as text both ways: Connector/J drops the milliseconds of
 * {@code LocalDateTime} parameters on MariaDB, and reading text needs no time-zone conversion.
 */
public final class UtcText {

    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private UtcText() {}

    /** The parameter text of an instant, at millisecond precision. */
    public static @Nullable String of(@Nullable Instant instant) {
        return instant == null ? null : DATETIME_3.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** A select-list item reading {@code column} as ISO-8601 text named {@code column_utc}, for {@link #parse}. */
    public static String select(String column) {
        return "DATE_FORMAT(%1$s, '%%Y-%%m-%%dT%%H:%%i:%%s.%%fZ') AS %1$s_utc".formatted(column);
    }

    public static @Nullable Instant parse(@Nullable String text) {
        return text == null ? null : Instant.parse(text);
    }
}
