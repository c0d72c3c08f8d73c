package com.split.events.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.events.EventStreams;
import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskType;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.TaskEnvelopes;
import com.split.web.test.ApiClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** The task API over real HTTP, against a journal fed through the bus's events streams (real Redis and MariaDB). */
@SplitIntegrationTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"split.events.queues=test_tasks,other_tasks"})
@Import({ApiClient.class, EventStreams.class})
class TaskApiIntegrationTests {

    static final TaskType OTHER_TASK = new TaskType("other_task", QueueName.of("other_tasks"), "tests");
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final Instant START = Instant.parse("2026-01-02T03:04:05.006Z");

    @Autowired
    TaskCodec codec;

    @Autowired
    EventStreams streams;

    @Autowired
    ApiClient api;

    /** Three tasks of one session: a finished one and a pending one on test_tasks, a failed one on other_tasks. */
    record Session(String id, TaskEnvelope succeeded, TaskEnvelope pending, TaskEnvelope failed) {}

    Session journalThreeTasks() {
        String session = "session-" + UUID.randomUUID();
        TaskEnvelope succeeded = TaskEnvelopes.testTask()
                .sessionId(session)
                .userId("user_api")
                .tickers("AAPL")
                .build();
        TaskEnvelope pending = TaskEnvelopes.testTask().sessionId(session).build();
        TaskEnvelope failed = TaskEnvelopes.of(OTHER_TASK).sessionId(session).build();

        // out of order, and PROCESSING and SUCCESS stamped in the same millisecond
        xadd(succeeded, TaskEvent.of(EventType.TASK_SUCCEEDED, succeeded, START.plusMillis(30)), false);
        xadd(succeeded, TaskEvent.of(EventType.TASK_STARTED, succeeded, START.plusMillis(30)), false);
        xadd(succeeded, TaskEvent.of(EventType.TASK_CREATED, succeeded, START), true);
        xadd(succeeded, TaskEvent.of(EventType.TASK_RECEIVED, succeeded, START.plusMillis(20)), false);
        xadd(succeeded, TaskEvent.of(EventType.TASK_QUEUED, succeeded, START.plusMillis(10)), false);
        xadd(pending, TaskEvent.of(EventType.TASK_CREATED, pending, START), true);
        xadd(failed, TaskEvent.of(EventType.TASK_CREATED, failed, START), true);
        xadd(
                failed,
                TaskEvent.of(EventType.TASK_FAILED, failed, START.plusMillis(5))
                        .withError(new TaskEvent.ErrorInfo("IllegalStateException", "boom")),
                false);

        await().atMost(PATIENCE)
                .until(() -> statuses(session)
                        .equals(Map.of(
                                succeeded.taskId().toString(), "SUCCESS",
                                pending.taskId().toString(), "PENDING",
                                failed.taskId().toString(), "FAILURE")));
        return new Session(session, succeeded, pending, failed);
    }

    @Test
    void returnsTheStateAndEnvelopeOfAFinishedTask() {
        Session session = journalThreeTasks();
        TaskEnvelope task = session.succeeded();

        JsonNode body = getOk("/api/tasks/" + task.taskId());

        assertThat(body.get("task_id").asString()).isEqualTo(task.taskId().toString());
        assertThat(body.get("task_type").asString()).isEqualTo("test_task");
        assertThat(body.get("queue").asString()).isEqualTo("test_tasks");
        assertThat(body.get("user_id").asString()).isEqualTo("user_api");
        assertThat(body.get("session_id").asString()).isEqualTo(session.id());
        assertThat(body.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(body.get("attempts").asInt()).isZero();
        assertThat(body.get("last_error").isNull()).isTrue();
        assertThat(Instant.parse(body.get("created_at").asString())).isNotNull();
        assertThat(Instant.parse(body.get("updated_at").asString())).isNotNull();
        JsonNode envelope = body.get("envelope");
        assertThat(envelope.isObject()).isTrue();
        assertThat(envelope.get("task_id").asString()).isEqualTo(task.taskId().toString());
        assertThat(envelope.get("tickers").get(0).asString()).isEqualTo("AAPL");
        assertThat(codec.decode(envelope.toString().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(task);

        JsonNode failed = getOk("/api/tasks/" + session.failed().taskId());
        assertThat(failed.get("last_error").asString()).isEqualTo("IllegalStateException: boom");
    }

    @Test
    void returnsTheHistoryInLifecycleOrder() {
        Session session = journalThreeTasks();

        JsonNode events = getOk("/api/tasks/" + session.succeeded().taskId() + "/events");

        assertThat(events.isArray()).isTrue();
        assertThat(StreamSupport.stream(events.spliterator(), false)
                        .map(event -> event.get("event_type").asString())
                        .toList())
                .containsExactly("task_created", "task_queued", "task_received", "task_started", "task_succeeded");
        JsonNode created = events.get(0);
        assertThat(created.get("task_id").asString())
                .isEqualTo(session.succeeded().taskId().toString());
        assertThat(Instant.parse(created.get("occurred_at").asString())).isEqualTo(START);
        assertThat(codec.decodeEvent(events.get(4).toString()).status().name()).isEqualTo("SUCCESS");
    }

    @Test
    void filtersAndPagesNewestFirst() {
        Session session = journalThreeTasks();
        String s = "sessionId=" + session.id();

        assertThat(ids(getOk("/api/tasks?" + s)))
                .containsExactlyInAnyOrder(
                        session.succeeded().taskId().toString(),
                        session.pending().taskId().toString(),
                        session.failed().taskId().toString());
        assertThat(ids(getOk("/api/tasks?" + s + "&queue=test_tasks")))
                .containsExactlyInAnyOrder(
                        session.succeeded().taskId().toString(),
                        session.pending().taskId().toString());
        assertThat(ids(getOk("/api/tasks?" + s + "&queue=other_tasks&taskType=other_task")))
                .containsExactly(session.failed().taskId().toString());
        assertThat(ids(getOk("/api/tasks?" + s + "&status=success&userId=user_api")))
                .containsExactly(session.succeeded().taskId().toString());
        assertThat(ids(getOk("/api/tasks?" + s + "&status=FAILURE&queue=test_tasks")))
                .isEmpty();
        assertThat(ids(getOk("/api/tasks?" + s + "&from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z")))
                .hasSize(3);
        assertThat(ids(getOk("/api/tasks?" + s + "&from=2999-01-01T00:00:00Z"))).isEmpty();

        JsonNode first = getOk("/api/tasks?" + s + "&size=2");
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("total_elements").asLong()).isEqualTo(3);
        assertThat(first.get("total_pages").asLong()).isEqualTo(2);
        JsonNode second = getOk("/api/tasks?" + s + "&size=2&page=1");
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(ids(first)).hasSize(2);
        assertThat(ids(second)).hasSize(1);
        Set<String> all = new HashSet<>(ids(first));
        all.addAll(ids(second));
        assertThat(all).hasSize(3);
        List<Instant> created = new ArrayList<>();
        for (JsonNode page : List.of(first, second)) {
            page.get("content")
                    .forEach(task ->
                            created.add(Instant.parse(task.get("created_at").asString())));
        }
        assertThat(created).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(first.get("content").get(0).has("envelope")).isFalse();
        assertThat(ids(getOk("/api/tasks?" + s + "&size=2&page=5"))).isEmpty();
    }

    @Test
    void countsTasksByStatusAndQueue() {
        journalThreeTasks();

        JsonNode counts = getOk("/api/tasks/counts");

        assertThat(counts.get("by_status").get("SUCCESS").asLong()).isPositive();
        assertThat(counts.get("by_status").get("PENDING").asLong()).isPositive();
        assertThat(counts.get("by_status").get("FAILURE").asLong()).isPositive();
        assertThat(counts.get("by_queue").get("test_tasks").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(counts.get("by_queue").get("other_tasks").asLong()).isPositive();
    }

    @Test
    void answersNotFoundForAnUnknownTask() {
        UUID unknown = UUID.randomUUID();
        for (String path : List.of("/api/tasks/" + unknown, "/api/tasks/" + unknown + "/events")) {
            JsonNode problem = problem(path, HttpStatus.NOT_FOUND);
            assertThat(problem.get("detail").asString()).contains(unknown.toString());
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/tasks/not-a-uuid | taskId",
                "/api/tasks/not-a-uuid/events | taskId",
                "/api/tasks?status=EXPLODED | status",
                "/api/tasks?queue=Bad-Queue | queue",
                "/api/tasks?from=yesterday | from",
                "/api/tasks?to=2026-13-01T00:00:00Z | to",
                "/api/tasks?size=0 | size",
                "/api/tasks?size=501 | size",
                "/api/tasks?size=many | size",
                "/api/tasks?page=-1 | page",
            })
    void answersBadRequestNamingTheParameter(String path, String parameter) {
        JsonNode problem = problem(path, HttpStatus.BAD_REQUEST);

        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).contains("'" + parameter + "'");
    }

    @Test
    void describesTheApiInOpenApi() {
        JsonNode docs = getOk("/v3/api-docs");
        JsonNode schemas = docs.get("components").get("schemas");
        assertThat(schemas.get("TaskPage").get("properties").has("total_elements"))
                .isTrue();
        assertThat(schemas.get("TaskView").get("properties").has("last_error")).isTrue();
        JsonNode paths = docs.get("paths");

        assertThat(paths.has("/api/tasks")).isTrue();
        assertThat(paths.has("/api/tasks/counts")).isTrue();
        assertThat(paths.has("/api/tasks/{taskId}")).isTrue();
        assertThat(paths.has("/api/tasks/{taskId}/events")).isTrue();
        assertThat(paths.has("/api/tasks/{taskId}/cancel")).isTrue();
        assertThat(paths.has("/api/tasks/{taskId}/replay")).isTrue();
        assertThat(paths.has("/api/tasks/replay")).isTrue();
        assertThat(paths.has("/api/queues")).isTrue();
        assertThat(paths.has("/api/queues/{queue}/dead")).isTrue();
        assertThat(paths.has("/api/queues/{queue}/dead/requeue")).isTrue();
        assertThat(paths.has("/api/recovery/stuck")).isTrue();
        assertThat(paths.has("/api/recovery/reconcile")).isTrue();
        assertThat(paths.has("/api/events")).isTrue();
        assertThat(schemas.get("QueueView").get("properties").has("oldest_waiting_ms"))
                .isTrue();
        api.http().get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    private JsonNode getOk(String path) {
        return api.get(path);
    }

    private JsonNode problem(String path, HttpStatus status) {
        return api.problem(HttpMethod.GET, path, null, status);
    }

    private List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("content").forEach(task -> ids.add(task.get("task_id").asString()));
        return ids;
    }

    private Map<String, String> statuses(String session) {
        Map<String, String> statuses = new LinkedHashMap<>();
        getOk("/api/tasks?sessionId=" + session)
                .get("content")
                .forEach(task -> statuses.put(
                        task.get("task_id").asString(), task.get("status").asString()));
        return statuses;
    }

    private void xadd(TaskEnvelope task, TaskEvent event, boolean withEnvelope) {
        streams.append(task, event, withEnvelope);
    }
}
