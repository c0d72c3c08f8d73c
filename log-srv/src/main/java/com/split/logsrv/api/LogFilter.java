package com.split.logsrv.api;

import com.split.logsrv.store.LogLevel;
import com.split.web.InvalidParameterException;
import com.split.web.Parameters;
import com.split.web.TimeRange;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The validated parameters of {@code GET /api/logs}. {@code level} means that level and above. */
record LogFilter(
        @Nullable LogLevel level,
        @Nullable String module,
        @Nullable String userId,
        @Nullable String sessionId,
        @Nullable String taskId,
        @Nullable String traceId,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String text,
        int page,
        int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

    static LogFilter parse(
            @Nullable String level,
            @Nullable String module,
            @Nullable String userId,
            @Nullable String sessionId,
            @Nullable String taskId,
            @Nullable String traceId,
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
        String trace = Parameters.blankToNull(traceId);
        if (trace != null && !TRACE_ID.matcher(trace).matches()) {
            throw new InvalidParameterException(
                    "traceId", "must be a W3C trace id, 32 lower-case hex digits, was '%s'".formatted(traceId));
        }
        return new LogFilter(
                minimum,
                Parameters.blankToNull(module),
                Parameters.blankToNull(userId),
                Parameters.blankToNull(sessionId),
                Parameters.blankToNull(taskId),
                trace,
                period.from(),
                period.to(),
                Parameters.blankToNull(q),
                Parameters.integer("page", page, 0, 0, Integer.MAX_VALUE),
                Parameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }
}
