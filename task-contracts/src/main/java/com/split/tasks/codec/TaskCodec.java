package com.split.tasks.codec;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads and writes envelopes and events as snake_case JSON (Jackson 3). Decoding is also the schema check: a required
 * field that is missing or null, a wrong type, an unsupported {@code schema_version} or an envelope over the size limit
 * is an {@link InvalidEnvelopeException} with a reason a person can act on. Unknown fields are kept.
 *
 * <p>Thread-safe.
 */
public final class TaskCodec {

    /** The default size limit of one envelope, 256 KiB. */
    public static final int DEFAULT_MAX_ENVELOPE_BYTES = 256 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // The schema says "integer" and "string": no quietly turning "1" into 1 or 1 into "1".
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(
                    LogicalType.Textual,
                    config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private final int maxEnvelopeBytes;

    public TaskCodec() {
        this(DEFAULT_MAX_ENVELOPE_BYTES);
    }

    public TaskCodec(int maxEnvelopeBytes) {
        if (maxEnvelopeBytes < 1024) {
            throw new IllegalArgumentException("the envelope size limit must be at least 1024 bytes");
        }
        this.maxEnvelopeBytes = maxEnvelopeBytes;
    }

    public int maxEnvelopeBytes() {
        return maxEnvelopeBytes;
    }

    /** The mapper behind this codec, for payload records and JSON a handler writes. */
    public JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * The envelope as UTF-8 JSON.
     *
     * @throws IllegalArgumentException if it is larger than the size limit: a publisher must not put it on the bus
     */
    public byte[] encode(TaskEnvelope envelope) {
        byte[] json = MAPPER.writeValueAsBytes(envelope);
        if (json.length > maxEnvelopeBytes) {
            throw new IllegalArgumentException(oversize(json.length));
        }
        return json;
    }

    /**
     * Reads an envelope taken from the bus.
     *
     * @throws InvalidEnvelopeException if it cannot run, with the reason for the dead-letter list
     */
    public TaskEnvelope decode(byte[] json) {
        if (json.length > maxEnvelopeBytes) {
            throw new InvalidEnvelopeException(oversize(json.length), null);
        }
        try {
            TaskEnvelope envelope = MAPPER.readValue(json, TaskEnvelope.class);
            if (envelope == null) {
                throw new InvalidEnvelopeException("schema: an envelope must be a JSON object, not null", null);
            }
            return envelope;
        } catch (JacksonException e) {
            throw new InvalidEnvelopeException(reason(e), readTaskId(json).orElse(null));
        }
    }

    private String oversize(int length) {
        return "envelope of %d bytes exceeds the %d-byte limit".formatted(length, maxEnvelopeBytes);
    }

    private static String reason(JacksonException e) {
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return "schema: " + e.getCause().getMessage();
        }
        String message = e.getOriginalMessage();
        if (e instanceof tools.jackson.core.exc.StreamReadException) {
            return "unparseable JSON: " + message;
        }
        return "schema: " + message;
    }

    /**
     * The {@code task_id} of a top-level JSON object, when there is one to read, even in an invalid envelope. The bytes
     * are read as Latin-1, as the claim script's Lua reads them: an envelope that is not UTF-8 still shows its ASCII
     * structure, so a task that script journalled as received is journalled as failed too.
     */
    public Optional<UUID> readTaskId(byte[] json) {
        try {
            JsonNode id = MAPPER.readTree(new String(json, StandardCharsets.ISO_8859_1))
                    .get("task_id");
            return id != null && id.isString() ? Optional.of(UUID.fromString(id.asString())) : Optional.empty();
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String encodeEvent(TaskEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    /** @throws JacksonException if the text is not a valid event */
    public TaskEvent decodeEvent(String json) {
        return MAPPER.readValue(json, TaskEvent.class);
    }

    /**
     * The fields of the event's entry on its queue's events stream: only what the journal cannot learn from the
     * task's {@code task_created} event, so that the bus spends little Redis time on events.
     */
    public Map<String, String> streamFields(TaskEvent event, byte @Nullable [] envelope) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event_id", event.eventId().toString());
        fields.put("event_type", event.eventType().wireName());
        fields.put("task_id", event.taskId().toString());
        putIfPresent(fields, "task_type", event.taskType());
        putIfPresent(fields, "attempt", event.attempt());
        putIfPresent(fields, "worker_id", event.workerId());
        fields.put("occurred_at", event.occurredAt().toString());
        if (event.error() != null) {
            fields.put("error", MAPPER.writeValueAsString(event.error()));
        }
        if (event.details() != null) {
            String details = event.details().toString();
            fields.put("details", details.length() <= maxEnvelopeBytes ? details : detailsCut(details.length()));
        }
        if (envelope != null) {
            fields.put("envelope", new String(envelope, StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** What an event says instead of details larger than an envelope may be: the journal keeps rows, not payloads. */
    private String detailsCut(int chars) {
        return MAPPER.createObjectNode()
                .put("truncated", "details of %d chars exceed the %d-byte limit".formatted(chars, maxEnvelopeBytes))
                .toString();
    }

    private static void putIfPresent(Map<String, String> fields, String name, @Nullable Object value) {
        if (value != null) {
            fields.put(name, value.toString());
        }
    }

    /**
     * Reads an entry of {@code queue}'s events stream. Fields the entry leaves out are filled from its {@code envelope}
     * where it has one (a {@code task_created} event), else left null for the journal to fill.
     *
     * @throws IllegalArgumentException if the entry lacks a field every event has or holds an invalid value
     */
    public StreamEvent fromStreamFields(QueueName queue, Map<String, String> fields) {
        try {
            TaskEnvelope envelope = fields.containsKey("envelope")
                    ? decode(fields.get("envelope").getBytes(StandardCharsets.UTF_8))
                    : null;
            EventType type = EventType.fromWireName(required(fields, "event_type"))
                    .orElseThrow(() -> new IllegalArgumentException("unknown event_type " + fields.get("event_type")));
            String attempt = fields.get("attempt");
            TaskEvent event = new TaskEvent(
                    UUID.fromString(required(fields, "event_id")),
                    type,
                    null,
                    UUID.fromString(required(fields, "task_id")),
                    fields.getOrDefault("task_type", envelope == null ? null : envelope.taskType()),
                    queue,
                    envelope == null ? null : envelope.initiator().module(),
                    envelope == null ? null : envelope.targetModule(),
                    envelope == null ? null : envelope.userId(),
                    envelope == null ? null : envelope.sessionId(),
                    envelope == null ? null : envelope.tickers(),
                    attempt == null ? null : Integer.valueOf(attempt),
                    fields.get("worker_id"),
                    Instant.parse(required(fields, "occurred_at")),
                    fields.containsKey("error")
                            ? MAPPER.readValue(fields.get("error"), TaskEvent.ErrorInfo.class)
                            : null,
                    fields.containsKey("details") ? (ObjectNode) MAPPER.readTree(fields.get("details")) : null);
            return new StreamEvent(event, envelope);
        } catch (JacksonException | InvalidEnvelopeException | java.time.DateTimeException | ClassCastException e) {
            throw new IllegalArgumentException("invalid event entry: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("event entry without " + name);
        }
        return value;
    }

    /** An event read from a stream, with the envelope a {@code task_created} entry carries. */
    public record StreamEvent(TaskEvent event, @Nullable TaskEnvelope envelope) {}

    /** Reads a handler's payload as {@code type}; a mismatch is the publisher's fault, so no retry can fix it. */
    public <T> T payload(TaskEnvelope envelope, Class<T> type) {
        return MAPPER.treeToValue(envelope.payload(), type);
    }

    /** A payload object for an envelope, from a record or map. */
    public ObjectNode toPayload(Object value) {
        JsonNode node = MAPPER.valueToTree(value);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a payload must be a JSON object, not " + node.getNodeType());
        }
        return object;
    }
}
