package com.split.logsrv.store;

import com.split.tasks.logs.SecretMasker;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A log record as stored: the columns the API filters on, and everything else the record carried (logger, thread,
 * instance, exception, traceparent, other MDC) in {@code metadata}. {@code traceId} is the W3C trace id of a record
 * logged within a span: its {@code traceparent}'s (a task run), else the MDC's {@code traceId} (Micrometer Tracing's, in
 * any span). Reading is lenient about fields it does not know,
 * so that services on a newer record version still get their logs stored. Messages and exceptions are masked again
 * ({@link SecretMasker}), which changes nothing in a record its service masked already.
 */
public record LogRow(
        UUID id,
        Instant timestamp,
        LogLevel level,
        String module,
        @Nullable String userId,
        @Nullable String sessionId,
        @Nullable String taskId,
        @Nullable String traceId,
        String message,
        ObjectNode metadata) {

    /** Longest message stored; longer ones are cut, saying so. */
    static final int MAX_MESSAGE = 16 * 1024;

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

    private static final Set<String> COLUMNS =
            Set.of("id", "timestamp", "level", "module", "user_id", "session_id", "task_id", "message");

    /**
     * @throws InvalidLogRecordException naming what is missing or invalid
     */
    public static LogRow from(JsonNode record) {
        if (!(record instanceof ObjectNode object)) {
            throw new InvalidLogRecordException("a log record must be a JSON object");
        }
        ObjectNode metadata = object.deepCopy();
        COLUMNS.forEach(metadata::remove);
        if (metadata.get("exception") instanceof ObjectNode exception) {
            mask(exception, "message");
            mask(exception, "stack_trace");
        }
        // Shipped records are masked at the source; a record posted by another client may not be.
        String message = SecretMasker.mask(text(record, "message", Integer.MAX_VALUE, true));
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…[cut from %d characters]".formatted(message.length());
        }
        return new LogRow(
                uuid(text(record, "id", 36, true)),
                instant(text(record, "timestamp", 64, true)),
                LogLevel.parse(text(record, "level", 5, true))
                        .orElseThrow(() ->
                                new InvalidLogRecordException("level must be one of TRACE, DEBUG, INFO, WARN, ERROR")),
                text(record, "module", 64, true),
                text(record, "user_id", 128, false),
                text(record, "session_id", 128, false),
                text(record, "task_id", 64, false),
                traceId(metadata),
                message,
                metadata);
    }

    /** The trace id of a well-formed traceparent or MDC traceId; anything else is left in metadata alone. */
    private static @Nullable String traceId(ObjectNode metadata) {
        Matcher traceparent = TRACEPARENT.matcher(metadata.path("traceparent").asString(""));
        if (traceparent.matches()) {
            return traceparent.group(1);
        }
        String mdc = metadata.path("mdc").path("traceId").asString("");
        return TRACE_ID.matcher(mdc).matches() ? mdc : null;
    }

    private static void mask(ObjectNode node, String field) {
        if (node.get(field) instanceof JsonNode value && value.isString()) {
            node.put(field, SecretMasker.mask(value.asString()));
        }
    }

    private static String text(JsonNode record, String field, int maxLength, boolean required) {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidLogRecordException(field + " is required");
            }
            return null;
        }
        if (!value.isString()) {
            throw new InvalidLogRecordException(field + " must be a string");
        }
        String text = value.asString();
        if (required && text.isBlank() && !field.equals("message")) {
            throw new InvalidLogRecordException(field + " must not be blank");
        }
        if (text.length() > maxLength) {
            throw new InvalidLogRecordException("%s is longer than %d characters".formatted(field, maxLength));
        }
        return text;
    }

    private static UUID uuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            if (!id.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException(text);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidLogRecordException("id must be a UUID, was '%s'".formatted(text));
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidLogRecordException("timestamp must be an ISO-8601 instant, was '%s'".formatted(text));
        }
    }
}
