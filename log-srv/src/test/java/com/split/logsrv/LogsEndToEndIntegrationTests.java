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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
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
