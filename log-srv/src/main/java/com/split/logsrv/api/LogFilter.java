package com.split.logsrv.api;

import com.split.logsrv.store.LogLevel;
import com.split.web.InvalidParameterException;
import com.split.web.Parameters;
import com.split.web.TimeRange;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** The validated parameters of {@code GET /api/logs}. {@code level} means that level and above. */
record LogFilter(
        @Nullable LogLevel level,
        @Nullable String module,
        @Nullable String userId,
        @Nullable String sessionId,
        @Nullable String taskId,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String text,
        int page,
        int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    static LogFilter parse(
            @Nullable String level,
            @Nullable String module,
            @Nullable String userId,
            @Nullable String sessionId,
            @Nullable String taskId,
            @Nullable String from,
            @Nullable String to,
            @Nullable String q,
            @Nullable String page,
            @Nullable String size) {
        TimeRange period = TimeRange.parse(from, to);
        String levelText = Parameters.blankToNull(level);
        LogLevel minimum = levelText == null
                ? null
                : LogLevel.parse(levelText)
                        .orElseThrow(() -> new InvalidParameterException(
                                "level",
                                "must be one of %s, was '%s'".formatted(Arrays.toString(LogLevel.values()), level)));
        return new LogFilter(
                minimum,
                Parameters.blankToNull(module),
                Parameters.blankToNull(userId),
                Parameters.blankToNull(sessionId),
                Parameters.blankToNull(taskId),
                period.from(),
                period.to(),
                Parameters.blankToNull(q),
                Parameters.integer("page", page, 0, 0, Integer.MAX_VALUE),
                Parameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }
}
