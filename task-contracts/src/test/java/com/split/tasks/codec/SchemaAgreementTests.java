package com.split.tasks.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.split.tasks.EventType;
import com.split.tasks.TaskEvent;
import com.split.tasks.test.TaskEnvelopes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schemas in the jar are what non-Java publishers validate against; the codec is what workers enforce.
 * These tests keep the two in agreement: every envelope the schema accepts decodes, and every one it rejects does not.
 */
class SchemaAgreementTests {

    private static final TaskCodec CODEC = new TaskCodec();
    private static final Schema ENVELOPE_SCHEMA = schema("task-envelope-v1.json");
    private static final Schema EVENT_SCHEMA = schema("task-event-v1.json");

    private static Schema schema(String file) {
        InputStream in = TaskCodec.class.getResourceAsStream("/com/split/tasks/schema/" + file);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(in);
    }

    static Stream<Arguments> envelopes() {
        return Stream.of(
                variant("valid as built", e -> {}),
                variant("unknown field", e -> e.put("colour", 3)),
                variant("high priority", e -> e.put("priority", "high")),
                variant("priority of a later version", e -> e.put("priority", "urgent")),
                variant("null priority", e -> e.putNull("priority")),
                variant("priority as a number", e -> e.put("priority", 1)),
                variant("null parent", e -> e.putNull("parent_task_id")),
                variant("absent traceparent", e -> e.remove("traceparent")),
                variant("reply_to a queue", e -> e.put("reply_to", "orchestrator_tasks")),
                variant("null reply_to", e -> e.putNull("reply_to")),
                variant("reply_to not a queue name", e -> e.put("reply_to", "Orchestrator Tasks")),
                variant("missing task_id", e -> e.remove("task_id")),
                variant("missing payload", e -> e.remove("payload")),
                variant("missing tickers", e -> e.remove("tickers")),
                variant("missing initiator instance", e -> ((ObjectNode) e.get("initiator")).remove("instance")),
                variant("null user", e -> e.putNull("user_id")),
                variant("blank session", e -> e.put("session_id", "  ")),
                variant("schema version 2", e -> e.put("schema_version", 2)),
                variant("task_id not a uuid", e -> e.put("task_id", "abc")),
                variant("negative attempt", e -> e.put("attempt", -1)),
                variant("redeliveries", e -> e.put("attempt", 3).put("redeliveries", 2)),
                variant("negative redeliveries", e -> e.put("redeliveries", -1)),
                variant("redeliveries as text", e -> e.put("redeliveries", "1")),
                variant("zero timeout", e -> e.put("timeout_ms", 0)),
                variant("attempt as text", e -> e.put("attempt", "1")),
                variant("payload as array", e -> e.putArray("payload")),
                variant("ticker not a string", e -> e.putArray("tickers").add(1)),
                variant("queue with upper case", e -> e.put("queue", "Yahoo")),
                variant("created_at not a date", e -> e.put("created_at", "yesterday")),
                variant("empty task type", e -> e.put("task_type", "")));
    }

    private static Arguments variant(String name, Consumer<ObjectNode> change) {
        ObjectNode envelope = (ObjectNode)
                CODEC.mapper().readTree(CODEC.encode(TaskEnvelopes.fetchPrices().build()));
        change.accept(envelope);
        return Arguments.of(name, envelope);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void codecAcceptsExactlyWhatTheSchemaAccepts(String name, JsonNode envelope) {
        boolean schemaAccepts = ENVELOPE_SCHEMA
                .validate(envelope, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .isEmpty();
        boolean codecAccepts;
        try {
            CODEC.decode(envelope.toString().getBytes(StandardCharsets.UTF_8));
            codecAccepts = true;
        } catch (InvalidEnvelopeException e) {
            codecAccepts = false;
        }
        assertThat(codecAccepts).as("codec accepts %s", name).isEqualTo(schemaAccepts);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEventTheCodecWritesMatchesTheEventSchema(EventType type) {
        TaskEvent event = TaskEvent.of(type, TaskEnvelopes.testTask().build(), Instant.now())
                .withWorker("worker-1")
                .withError(new TaskEvent.ErrorInfo("type", "message"));
        JsonNode json = CODEC.mapper().readTree(CODEC.encodeEvent(event));
        assertThat(EVENT_SCHEMA.validate(json)).isEmpty();
    }

    static Stream<EventType> eventTypes() {
        return Stream.of(EventType.values());
    }
}
