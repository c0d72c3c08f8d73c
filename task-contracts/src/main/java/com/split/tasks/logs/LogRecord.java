package com.split.tasks.logs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One technical log record, as it travels on the {@code split:logs} stream and as log-srv stores it. JSON Schema:
 * {@code com/split/tasks/schema/log-record-v1.json}. Write and read it with {@code TaskCodec}'s mapper (snake_case).
 *
 * <p>On the stream a record is one entry with one field, {@link #STREAM_FIELD}, whose value is this JSON. {@code id} is
 * a UUIDv7 that stays the same when the shipper resends a record whose reply it lost, so storing is idempotent on it.
 * {@code message}, the exception's message and stack trace and the MDC values are masked ({@link SecretMasker}) before
 * they leave the process.
 *
 * @param timestamp when the record was logged, to the millisecond
 * @param level {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
 * @param module the application ({@code spring.application.name})
 * @param instance the process: its worker id on the bus
 * @param mdc the MDC entries other than the four task-context keys, which have fields of their own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogRecord(
        UUID id,
        Instant timestamp,
        String level,
        String module,
        String instance,
        String logger,
        String thread,
        String message,
        @Nullable ExceptionInfo exception,
        @Nullable String taskId,
        @Nullable String sessionId,
        @Nullable String userId,
        @Nullable String traceparent,
        Map<String, String> mdc) {

    /** The one field of a {@code split:logs} stream entry: the record's JSON. */
    public static final String STREAM_FIELD = "record";

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    public LogRecord {
        if (id == null || timestamp == null || thread == null || message == null) {
            throw new IllegalArgumentException("id, timestamp, thread and message are required");
        }
        if (level == null || !LEVELS.contains(level)) {
            throw new IllegalArgumentException("level must be one of " + LEVELS + ", was " + level);
        }
        if (isBlank(module) || isBlank(instance) || isBlank(logger)) {
            throw new IllegalArgumentException("module, instance and logger must be non-blank");
        }
        timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
        mdc = mdc == null ? Map.of() : Map.copyOf(mdc);
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    /**
     * The exception a record was logged with.
     *
     * @param type its class name
     * @param stackTrace the whole trace with causes and suppressed exceptions, as Logback prints it, capped
     */
    public record ExceptionInfo(String type, @Nullable String message, String stackTrace) {
        public ExceptionInfo {
            if (isBlank(type) || stackTrace == null) {
                throw new IllegalArgumentException("an exception needs a type and a stack_trace");
            }
        }
    }

    /** The record as UTF-8 JSON, the value of a stream entry's {@link #STREAM_FIELD}. */
    public byte[] toJson(JsonMapper mapper) {
        return mapper.writeValueAsBytes(this);
    }

    /**
     * Reads a record from a stream entry or a {@code POST /api/logs} body.
     *
     * @throws IllegalArgumentException if it is not a valid record, with the reason
     */
    public static LogRecord fromJson(JsonMapper mapper, byte[] json) {
        try {
            LogRecord record = mapper.readValue(json, LogRecord.class);
            if (record == null) {
                throw new IllegalArgumentException("a log record must be a JSON object, not null");
            }
            return record;
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException(
                    "invalid log record: "
                            + (cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage()),
                    e);
        }
    }
}
