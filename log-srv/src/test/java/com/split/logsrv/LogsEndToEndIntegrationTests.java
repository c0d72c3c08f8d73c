package com.split.logsrv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskIds;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.TaskEnvelopes;
import com.split.web.test.ApiClient;
import com.split.web.test.TestUsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * From a log call in a real worker's task handler to {@code GET /api/logs}: the task-contracts appender ships the
 * record to {@code split:logs}, log-srv stores it. And records posted by clients off the bus. Real Redis and database.
 */
@SplitIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ApiClient.class)
class LogsEndToEndIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The address this test's client posts from, as the server sees it. */
    static final List<String> LOOPBACK = List.of("127.0.0.1", "0:0:0:0:0:0:0:1");

    static final Logger handlerLog = LoggerFactory.getLogger("com.split.example.FetchHandler");

    /** Logs a WARN with an exception, and an INFO, from inside the task, where the worker has set the task's MDC. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Worker {

        @Bean
        TaskHandler loggingHandler() {
            return TaskHandler.of(TaskEnvelopes.TEST_TASK, (task, context) -> {
                handlerLog.info("starting the fetch of {}", task.tickers());
                handlerLog.warn(
                        "fetch of {} failed, calling redis://quotes:hunter2@cache.local:6379 again later",
                        task.tickers(),
                        new IllegalStateException("upstream answered 502"));
                return TaskOutcome.success(Map.of());
            });
        }
    }

    @Autowired
    TaskPublisher publisher;

    @Autowired
    TaskCodec codec;

    @Autowired
    ApiClient api;

    @Test
    void aWarningLoggedInATaskHandlerIsStoredWithItsTaskContextAndStackTrace() {
        String session = "session-" + UUID.randomUUID();
        TaskEnvelope task = TaskEnvelopes.testTask()
                .sessionId(session)
                .userId("user_logs")
                .tickers("AAPL")
                .build();

        publisher.publish(task);

        JsonNode[] found = new JsonNode[1];
        await().atMost(PATIENCE).until(() -> {
            found[0] = api.get("/api/logs?taskId=" + task.taskId());
            return found[0].get("total_elements").asLong() >= 1;
        });
        JsonNode page = found[0];
        assertThat(page.get("total_elements").asLong())
                .as("the INFO is not shipped")
                .isEqualTo(1);
        JsonNode record = page.get("content").get(0);
        assertThat(record.get("level").asString()).isEqualTo("WARN");
        assertThat(record.get("module").asString()).isEqualTo("log-srv");
        assertThat(record.get("session_id").asString()).isEqualTo(session);
        assertThat(record.get("user_id").asString()).isEqualTo("user_logs");
        assertThat(record.get("message").asString())
                .startsWith("fetch of [AAPL] failed")
                .contains("redis://quotes:****@cache.local:6379")
                .doesNotContain("hunter2");
        JsonNode metadata = record.get("metadata");
        assertThat(metadata.get("logger").asString()).isEqualTo("com.split.example.FetchHandler");
        assertThat(metadata.get("exception").get("type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(metadata.get("exception").get("stack_trace").asString())
                .contains("upstream answered 502")
                .contains("LogsEndToEndIntegrationTests");
        assertThat(api.get("/api/logs?level=ERROR&taskId=" + task.taskId())
                        .get("total_elements")
                        .asLong())
                .isZero();

        // The run's span: its traceparent in metadata, its trace id a column to find the trace's records by.
        String traceparent = metadata.get("traceparent").asString();
        String traceId = record.get("trace_id").asString();
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").contains("-" + traceId + "-");
        assertThat(metadata.get("mdc").get("traceId").asString()).isEqualTo(traceId);
        assertThat(api.get("/api/logs?traceId=" + traceId).get("content"))
                .extracting(same -> same.get("id").asString())
                .containsExactly(record.get("id").asString());
        assertThat(api.problem(HttpMethod.GET, "/api/logs?traceId=not-a-trace", null, HttpStatus.BAD_REQUEST)
                        .toString())
                .contains("traceId");
    }

    @Test
    void machineClientsWriteWithIngestAndViewersRead() {
        String session = "session-" + UUID.randomUUID();
        String posted = record(session, "from a client in another language").toString();

        api.as(null).problem(HttpMethod.POST, "/api/logs", posted, HttpStatus.UNAUTHORIZED);
        for (TestUsers other : List.of(TestUsers.VIEWER, TestUsers.OPERATOR)) {
            api.as(other).problem(HttpMethod.POST, "/api/logs", posted, HttpStatus.FORBIDDEN);
        }
        assertThat(api.get("/api/logs?sessionId=" + session)
                        .get("total_elements")
                        .asLong())
                .isZero();
        api.as(TestUsers.INGEST).post("/api/logs", posted, HttpStatus.ACCEPTED);

        api.as(TestUsers.INGEST).problem(HttpMethod.GET, "/api/logs?sessionId=" + session, null, HttpStatus.FORBIDDEN);
        assertThat(api.as(TestUsers.VIEWER)
                        .get("/api/logs?sessionId=" + session)
                        .get("total_elements")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void postedRecordsAreValidatedMaskedAndStored() {
        String session = "session-" + UUID.randomUUID();
        ObjectNode first = record(session, "token=abc123 rejected by the broker");
        ObjectNode second = record(session, "second");
        second.putObject("exception").put("type", "TimeoutError").put("stack_trace", "Traceback: password=swordfish");

        JsonNode accepted = api.post("/api/logs", "[" + first + "," + second + "]", HttpStatus.ACCEPTED);

        assertThat(accepted.get("accepted").asInt()).isEqualTo(2);
        JsonNode page = api.get("/api/logs?sessionId=" + session);
        assertThat(page.get("total_elements").asLong()).isEqualTo(2);
        String stored = page.toString();
        assertThat(stored).doesNotContain("abc123").doesNotContain("swordfish");

        api.post("/api/logs", first.toString(), HttpStatus.ACCEPTED);
        assertThat(api.get("/api/logs?sessionId=" + session)
                        .get("total_elements")
                        .asLong())
                .as("idempotent on id")
                .isEqualTo(2);

        ObjectNode noModule = record(session, "who sent this");
        noModule.remove("module");
        ObjectNode badLevel = record(session, "too loud");
        badLevel.put("level", "LOUD");
        ObjectNode fine = record(session, "would be fine alone");
        JsonNode problem = api.problem(
                HttpMethod.POST,
                "/api/logs",
                "[" + fine + "," + noModule + "," + badLevel + "]",
                HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString()).isEqualTo("2 of 3 log records are invalid; none was stored");
        assertThat(problem.get("errors")
                        .valueStream()
                        .map(error -> error.get("index").asInt()))
                .containsOnly(1, 2);
        assertThat(api.get("/api/logs?sessionId=" + session)
                        .get("total_elements")
                        .asLong())
                .isEqualTo(2);
        api.problem(HttpMethod.POST, "/api/logs", "[]", HttpStatus.BAD_REQUEST);
        api.problem(HttpMethod.POST, "/api/logs", "{", HttpStatus.BAD_REQUEST);
    }

    @Test
    void aPostedRecordWithoutIdOrInstanceIsStoredWithAFreshIdAndTheClientsAddress() {
        String session = "session-" + UUID.randomUUID();
        ObjectNode bare = record(session, "from a client without ids");
        bare.remove("id");
        bare.remove("instance");
        ObjectNode nulls = record(session, "with nulls for them");
        nulls.putNull("id");
        nulls.putNull("instance");
        ObjectNode own = record(session, "with its own");

        JsonNode accepted = api.post("/api/logs", "[" + bare + "," + nulls + "," + own + "]", HttpStatus.ACCEPTED);

        List<UUID> ids = accepted.get("ids")
                .valueStream()
                .map(id -> UUID.fromString(id.asString()))
                .toList();
        assertThat(ids).doesNotHaveDuplicates().hasSize(3);
        assertThat(ids.subList(0, 2)).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
        assertThat(ids.get(2).toString()).isEqualTo(own.get("id").asString());
        Map<String, JsonNode> stored = new HashMap<>();
        api.get("/api/logs?sessionId=" + session)
                .get("content")
                .forEach(record -> stored.put(record.get("message").asString(), record));
        assertThat(stored).hasSize(3);
        JsonNode first = stored.get("from a client without ids");
        assertThat(first.get("id").asString()).isEqualTo(ids.get(0).toString());
        assertThat(first.get("metadata").get("instance").asString()).isIn(LOOPBACK);
        assertThat(stored.get("with nulls for them")
                        .get("metadata")
                        .get("instance")
                        .asString())
                .isIn(LOOPBACK);
        assertThat(stored.get("with its own").get("metadata").get("instance").asString())
                .isEqualTo("screener-py-1");
    }

    @Test
    void aPostedRecordStillNeedsEverythingElseTheSchemaRequires() {
        ObjectNode noLogger = record("session-" + UUID.randomUUID(), "who logged this");
        noLogger.remove("id");
        noLogger.remove("instance");
        noLogger.remove("logger");
        ObjectNode blankInstance = record("session-" + UUID.randomUUID(), "where from");
        blankInstance.put("instance", " ");

        JsonNode problem = api.problem(
                HttpMethod.POST, "/api/logs", "[" + noLogger + "," + blankInstance + "]", HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString()).isEqualTo("2 of 2 log records are invalid; none was stored");
        assertThat(problem.get("errors")).hasSize(2);
        assertThat(problem.get("errors").get(0).get("message").asString())
                .contains("logger")
                .doesNotContain("id")
                .doesNotContain("instance");
        assertThat(problem.get("errors").get(1).get("message").asString()).contains("instance");
    }

    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void aBodyOverOneMebibyteIsRefusedAndNothingIsStored(boolean chunked) {
        String session = "session-" + UUID.randomUUID();
        StringBuilder body = new StringBuilder("[");
        while (body.length() < 2_000_000) {
            body.append(body.length() == 1 ? "" : ",").append(record(session, "x".repeat(1000)));
        }
        body.append(']');

        JsonNode problem = api.problem(
                api.postBytes("/api/logs", body.toString().getBytes(StandardCharsets.UTF_8), chunked),
                HttpStatus.CONTENT_TOO_LARGE);

        assertThat(problem.get("detail").asString()).contains("at most 1048576 bytes (1 MiB)");
        assertThat(problem.get("limit").asLong()).isEqualTo(1024 * 1024);
        assertThat(api.get("/api/logs?sessionId=" + session)
                        .get("total_elements")
                        .asLong())
                .isZero();
    }

    @Test
    void moreRecordsThanARequestMayCarryAreRefused() {
        String session = "session-" + UUID.randomUUID();
        String body = IntStream.range(0, 1001)
                .mapToObj(i -> record(session, "record " + i).toString())
                .collect(Collectors.joining(",", "[", "]"));

        JsonNode problem = api.problem(HttpMethod.POST, "/api/logs", body, HttpStatus.CONTENT_TOO_LARGE);

        assertThat(problem.get("detail").asString())
                .isEqualTo(
                        "A request holds at most 1000 log records, this one holds 1001: send them in several requests");
        assertThat(api.get("/api/logs?sessionId=" + session)
                        .get("total_elements")
                        .asLong())
                .isZero();
    }

    private ObjectNode record(String session, String message) {
        ObjectNode record = codec.mapper().createObjectNode();
        record.put("id", TaskIds.newId().toString());
        record.put("timestamp", Instant.now().toString());
        record.put("level", "ERROR");
        record.put("module", "screener-py");
        record.put("instance", "screener-py-1");
        record.put("logger", "screener.fetch");
        record.put("thread", "MainThread");
        record.put("message", message);
        record.put("session_id", session);
        return record;
    }
}
