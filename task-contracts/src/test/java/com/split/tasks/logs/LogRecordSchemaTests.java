package com.split.tasks.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.split.tasks.TaskIds;
import com.split.tasks.codec.TaskCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The log record's JSON Schema (what log-srv validates {@code POST /api/logs} with) and its codec agree. */
class LogRecordSchemaTests {

    private static final JsonMapper MAPPER = new TaskCodec().mapper();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(LogRecord.class.getResourceAsStream("/com/split/tasks/schema/log-record-v1.json"));

    static LogRecord record() {
        return new LogRecord(
                TaskIds.newId(),
                Instant.parse("2026-11-25T17:00:00.123456Z"),
                "WARN",
                "yahoo-gateway",
                "yahoo-gateway-host-a1b2c3",
                "com.split.yahoo.YahooClient",
                "worker-1",
                "Yahoo answered 429, retrying",
                new LogRecord.ExceptionInfo(
                        "java.io.IOException", "HTTP 429", "java.io.IOException: HTTP 429\n\tat x.y(Z.java:1)\n"),
                "0193a5c2-7f3e-7cc1-9d2a-3f1e8a6b4c10",
                "run-1",
                "user_zero",
                null,
                Map.of("ticker", "AAPL"));
    }

    @Test
    void writesSnakeCaseAndReadsItBack() {
        LogRecord record = record();
        JsonNode json = MAPPER.readTree(record.toJson(MAPPER));

        assertThat(json.get("timestamp").asString()).isEqualTo("2026-11-25T17:00:00.123Z");
        assertThat(json.get("exception").get("stack_trace").asString()).startsWith("java.io.IOException");
        assertThat(json.get("task_id").asString()).isEqualTo("0193a5c2-7f3e-7cc1-9d2a-3f1e8a6b4c10");
        assertThat(json.has("traceparent")).isFalse();
        assertThat(LogRecord.fromJson(MAPPER, record.toJson(MAPPER))).isEqualTo(record);
    }

    @Test
    void rejectsWhatIsNotARecordWithTheReason() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LogRecord.fromJson(MAPPER, "{\"level\":\"WARN\"}".getBytes(StandardCharsets.UTF_8)))
                .withMessageContaining("required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LogRecord.fromJson(MAPPER, "[1]".getBytes(StandardCharsets.UTF_8)))
                .withMessageStartingWith("invalid log record");
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                variant("valid as written", r -> {}),
                variant("unknown field", r -> r.put("host", "a")),
                variant("no exception", r -> r.remove("exception")),
                variant("null exception", r -> r.putNull("exception")),
                variant("no mdc", r -> r.remove("mdc")),
                variant("null task context", r -> r.putNull("task_id").putNull("user_id")),
                variant("empty thread name", r -> r.put("thread", "")),
                variant("missing id", r -> r.remove("id")),
                variant("id not a uuid", r -> r.put("id", "abc")),
                variant("missing timestamp", r -> r.remove("timestamp")),
                variant("timestamp not a date", r -> r.put("timestamp", "yesterday")),
                variant("unknown level", r -> r.put("level", "NOTICE")),
                variant("level as number", r -> r.put("level", 3)),
                variant("blank module", r -> r.put("module", " ")),
                variant("missing instance", r -> r.remove("instance")),
                variant("missing logger", r -> r.remove("logger")),
                variant("null message", r -> r.putNull("message")),
                variant("message as number", r -> r.put("message", 1)),
                variant("exception without stack trace", r -> ((ObjectNode) r.get("exception")).remove("stack_trace")),
                variant("exception without type", r -> ((ObjectNode) r.get("exception")).remove("type")),
                variant("mdc value not a string", r -> ((ObjectNode) r.get("mdc")).put("n", 1)),
                variant("mdc as array", r -> r.putArray("mdc")));
    }

    private static Arguments variant(String name, Consumer<ObjectNode> change) {
        ObjectNode json = (ObjectNode) MAPPER.readTree(record().toJson(MAPPER));
        change.accept(json);
        return Arguments.of(name, json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void codecAcceptsExactlyWhatTheSchemaAccepts(String name, JsonNode json) {
        boolean schemaAccepts = SCHEMA.validate(
                        json, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .isEmpty();
        boolean codecAccepts;
        try {
            LogRecord.fromJson(MAPPER, json.toString().getBytes(StandardCharsets.UTF_8));
            codecAccepts = true;
        } catch (IllegalArgumentException e) {
            codecAccepts = false;
        }
        assertThat(codecAccepts).as("codec accepts %s", name).isEqualTo(schemaAccepts);
    }
}
