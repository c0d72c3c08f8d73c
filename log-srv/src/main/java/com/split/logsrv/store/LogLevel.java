package com.split.logsrv.store;

import java.util.Locale;
import java.util.Optional;

/** Logback's levels, ranked so that "this level and above" is one range. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR;

    public int rank() {
        return ordinal();
    }

    public static Optional<LogLevel> parse(String text) {
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
