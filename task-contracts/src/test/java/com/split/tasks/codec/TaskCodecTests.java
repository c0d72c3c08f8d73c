package com.split.tasks.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskPriority;
import com.split.tasks.TaskStatus;
import com.split.tasks.test.TaskEnvelopes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class TaskCodecTests {

    private final TaskCodec codec = new TaskCodec();

    /** A test task's JSON, its first match of {@code regex} replaced. */
    private String testTaskJsonWith(String regex, String replacement) {
        return new String(codec.encode(TaskEnvelopes.testTask().build()), StandardCharsets.UTF_8)
                .replaceFirst(regex, replacement);
    }

    private InvalidEnvelopeException decodeFailure(String json) {
        return catchThrowableOfType(
                InvalidEnvelopeException.class, () -> codec.decode(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void envelopeRoundTripsAsSnakeCase() {
        ObjectNode payload = codec.toPayload(Map.of("history_years", 2, "price", new java.math.BigDecimal("1.50")));
        TaskEnvelope task =
                TaskEnvelopes.fetchPrices().payload(payload).attempt(2).build();

        byte[] json = codec.encode(task);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .startsWith("{\"schema_version\":1,\"task_id\":\"" + task.taskId())
                .contains("\"task_type\":\"fetch_prices\"", "\"queue\":\"yahoo_tasks\"", "\"max_retries\":5")
                .contains("\"created_at\":\"" + task.createdAt() + "\"", "\"price\":1.50");
        assertThat(codec.decode(json)).isEqualTo(task);
    }

    @Test
    void unknownFieldsAreKeptThroughARetry() {
        String json = testTaskJsonWith("\\{", "{\"x_region\":{\"level\":3},\"x_tenant\":\"acme\",");

        TaskEnvelope task = codec.decode(json.getBytes(StandardCharsets.UTF_8));
        String retried = new String(codec.encode(task.withAttempt(1)), StandardCharsets.UTF_8);

        assertThat(task.extensions()).containsOnlyKeys("x_region", "x_tenant");
        assertThat(retried).contains("\"x_region\":{\"level\":3}", "\"x_tenant\":\"acme\"", "\"attempt\":1");
    }

    @Test
    void priorityIsWrittenUnlessNormalAndKeptThroughARetry() {
        TaskEnvelope normal = TaskEnvelopes.testTask().build();
        TaskEnvelope low = normal.withPriority(TaskPriority.LOW);

        assertThat(new String(codec.encode(normal), StandardCharsets.UTF_8)).doesNotContain("priority");
        assertThat(normal.priority()).isEqualTo(TaskPriority.NORMAL);
        String json = new String(codec.encode(low.withAttempt(1)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"queue\":\"test_tasks\",\"priority\":\"low\",");
        assertThat(codec.decode(json.getBytes(StandardCharsets.UTF_8)).priority())
                .isEqualTo(TaskPriority.LOW);
        assertThat(TaskEnvelopes.testTask().priority(TaskPriority.HIGH).build().priority())
                .isEqualTo(TaskPriority.HIGH);
    }

    @Test
    void aPriorityThisVersionDoesNotKnowReadsAsNormal() {
        TaskEnvelope task = codec.decode(
                testTaskJsonWith("\\{", "{\"priority\":\"urgent\",").getBytes(StandardCharsets.UTF_8));

        assertThat(task.priority()).isEqualTo(TaskPriority.NORMAL);
        assertThat(task.extensions()).isEmpty();
    }

    @Test
    void missingRequiredFieldIsASchemaFailureNamingIt() {
        InvalidEnvelopeException failure = decodeFailure(testTaskJsonWith(",\"user_id\":\"user_zero\"", ""));

        assertThat(failure.reason()).startsWith("schema:").contains("user_id");
        assertThat(failure.taskId()).isPresent();
    }

    @Test
    void nullRequiredFieldIsASchemaFailure() {
        String json = testTaskJsonWith("\"session_id\":\"session-test\"", "\"session_id\":null");

        assertThat(decodeFailure(json).reason()).isEqualTo("schema: session_id is required");
    }

    @Test
    void garbageIsUnparseable() {
        InvalidEnvelopeException failure = decodeFailure("{not json");
        assertThat(failure.reason()).startsWith("unparseable JSON");
        assertThat(failure.taskId()).isEmpty();
    }

    @Test
    void jsonNullIsNotAnEnvelope() {
        assertThat(decodeFailure("null").reason()).isEqualTo("schema: an envelope must be a JSON object, not null");
    }

    @Test
    void invalidUtf8IsUnparseable() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(catchThrowableOfType(InvalidEnvelopeException.class, () -> codec.decode(bytes))
                        .reason())
                .startsWith("unparseable JSON");
    }

    @Test
    void oversizeEnvelopesAreRefusedBothWays() {
        TaskCodec small = new TaskCodec(2048);
        TaskEnvelope big = TaskEnvelopes.testTask()
                .tickers(java.util.Collections.nCopies(500, "TICKER"))
                .build();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> small.encode(big))
                .withMessageContaining("2048-byte limit");
        assertThat(catchThrowableOfType(InvalidEnvelopeException.class, () -> small.decode(codec.encode(big)))
                        .reason())
                .contains("exceeds the 2048-byte limit");
    }

    @Test
    void unsupportedSchemaVersionIsNamed() {
        String json = testTaskJsonWith("\"schema_version\":1", "\"schema_version\":2");
        assertThat(decodeFailure(json).reason()).contains("unsupported schema_version 2");
    }

    @Test
    void streamFieldsCarryWhatTheJournalCannotDerive() {
        TaskEnvelope task = TaskEnvelopes.fetchPrices().build();
        byte[] envelope = codec.encode(task);
        TaskEvent created = TaskEvent.of(EventType.TASK_CREATED, task, Instant.parse("2026-11-24T10:00:00.123Z"));

        Map<String, String> fields = codec.streamFields(created, envelope);
        TaskCodec.StreamEvent read = codec.fromStreamFields(QueueName.YAHOO_TASKS, fields);

        assertThat(fields)
                .containsOnlyKeys(
                        "event_id", "event_type", "task_id", "task_type", "attempt", "occurred_at", "envelope");
        assertThat(read.envelope()).isEqualTo(task);
        assertThat(read.event()).isEqualTo(created);
        assertThat(read.event().status()).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void eventJsonRoundTrips() {
        TaskEvent event = TaskEvent.of(
                        EventType.TASK_RETRIED, TaskEnvelopes.testTask().build(), Instant.now())
                .withAttempt(1)
                .withError(new TaskEvent.ErrorInfo("java.io.IOException", "connection reset"))
                .withDetails(codec.toPayload(Map.of("retry_in_ms", 1500)));

        String json = codec.encodeEvent(event);

        assertThat(json).contains("\"event_type\":\"task_retried\"", "\"status\":\"RETRY\"", "\"retry_in_ms\":1500");
        assertThat(codec.decodeEvent(json)).isEqualTo(event);
    }

    @Test
    void eventStatusMustMatchItsType() {
        String json = codec.encodeEvent(TaskEvent.of(
                        EventType.TASK_QUEUED, TaskEnvelopes.testTask().build(), Instant.now()))
                .replace("\"QUEUED\"", "\"SUCCESS\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decodeEvent(json))
                .hasMessageContaining("does not match");
    }
}
