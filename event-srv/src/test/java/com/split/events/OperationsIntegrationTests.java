package com.split.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.worker.PermanentTaskFailure;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.bus.worker.WorkerContainer;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.TaskEnvelopes;
import com.split.web.test.ApiClient;
import com.split.web.test.TestUsers;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cancel, replay, dead letters, queue figures, recovery and posted events, end to end: real HTTP, a real worker on
 * {@code test_tasks}, real Redis and MariaDB. {@code idle_tasks} is journalled but has no worker.
 */
@SplitIntegrationTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "split.events.queues=test_tasks,idle_tasks",
            "split.events.recovery.enabled=false",
            "split.events.recovery.grace=0s",
            // A short lease: the reconciler takes a silent worker for dead once Redis answered it for a lease.
            "split.bus.worker.lease=4s",
            "split.bus.worker.heartbeat-interval=500ms",
            "split.bus.command-timeout=1500ms"
        })
@Import(ApiClient.class)
class OperationsIntegrationTests {

    static final QueueName QUEUE = TaskEnvelopes.TEST_TASK.queue();
    static final QueueName IDLE = QueueName.of("idle_tasks");
    static final TaskType IDLE_TASK = new TaskType("idle_task", IDLE, "tests");
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /**
     * Runs {@code test_tasks} by the payload's {@code action}: {@code ok}, {@code fail_first} (a permanent failure on
     * attempt 0, for the payload's {@code reason} if it has one, success after), {@code wait} (until cancelled, at most 30 s).
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Worker {

        @Bean
        TaskHandler scriptedHandler() {
            return TaskHandler.of(TaskEnvelopes.TEST_TASK, (task, context) -> {
                switch (task.payload().path("action").asString("ok")) {
                    case "fail_first" -> {
                        if (task.attempt() == 0) {
                            throw new PermanentTaskFailure(
                                    task.payload().path("reason").asString("no such ticker yet"));
                        }
                    }
                    case "wait" -> {
                        Instant end = Instant.now().plus(PATIENCE);
                        while (Instant.now().isBefore(end)) {
                            context.throwIfCancelled();
                            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                        }
                    }
                    default -> {}
                }
                return TaskOutcome.success(Map.of("attempt", task.attempt()));
            });
        }
    }

    @Autowired
    TaskPublisher publisher;

    @Autowired
    MeterRegistry meters;

    @Autowired
    BusRedis redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    TaskCodec codec;

    @Autowired
    WorkerContainer worker;

    @Autowired
    ApiClient api;

    TaskEnvelope task(String action, String session) {
        return TaskEnvelopes.testTask()
                .sessionId(session)
                .payload(codec.toPayload(Map.of("action", action)))
                .build();
    }

    String status(UUID taskId) {
        return api.get("/api/tasks/" + taskId).path("status").asString();
    }

    /** Waits for the status, through the journal's 404s until the task's first event is journalled. */
    void awaitStatus(UUID taskId, String status) {
        await().atMost(PATIENCE)
                .until(() -> api.find("/api/tasks/" + taskId)
                        .map(task -> task.path("status").asString(""))
                        .orElse("")
                        .equals(status));
    }

    TaskEnvelope publish(String action) {
        TaskEnvelope task = task(action, "ops-" + UUID.randomUUID());
        publisher.publish(task);
        return task;
    }

    List<JsonNode> events(UUID taskId) {
        List<JsonNode> events = new ArrayList<>();
        api.get("/api/tasks/" + taskId + "/events").forEach(events::add);
        return events;
    }

    @Test
    void deadLettersAreRequeuedOrDeletedByFilterAfterAPreviewAndTheJournalSaysWhoDidIt() {
        String marker = "vendor feed gone " + UUID.randomUUID();
        List<TaskEnvelope> failing = IntStream.range(0, 3)
                .mapToObj(i -> TaskEnvelopes.testTask()
                        .payload(codec.toPayload(Map.of("action", "fail_first", "reason", marker)))
                        .build())
                .toList();
        publisher.publishAll(failing);
        failing.forEach(task -> awaitStatus(task.taskId(), "FAILURE"));
        String dead = "/api/queues/test_tasks/dead/";
        String byReason = "{\"reason\": \"%s\"".formatted(marker.toUpperCase(Locale.ROOT));

        JsonNode preview = api.post(dead + "delete", byReason + ", \"preview\": true}", HttpStatus.OK);
        assertThat(preview.get("matched").asInt()).isEqualTo(3);
        assertThat(preview.get("deleted").asInt()).isZero();
        api.as(TestUsers.VIEWER).problem(HttpMethod.POST, dead + "delete", byReason + "}", HttpStatus.FORBIDDEN);
        assertThat(api.post(dead + "requeue", byReason + ", \"preview\": true}", HttpStatus.OK)
                        .get("matched")
                        .asInt())
                .as("nothing deleted by the preview nor the refused call")
                .isEqualTo(3);

        String first = failing.getFirst().taskId().toString();
        JsonNode deleted = api.as(TestUsers.OPERATOR)
                .post(dead + "delete", "{\"task_ids\": [\"%s\"]}".formatted(first), HttpStatus.OK);
        assertThat(deleted.get("deleted").asInt()).isEqualTo(1);
        JsonNode requeued = api.post(dead + "requeue", byReason + "}", HttpStatus.OK);
        assertThat(requeued.get("requeued").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder(
                        failing.get(1).taskId().toString(),
                        failing.get(2).taskId().toString());
        failing.subList(1, 3).forEach(task -> awaitStatus(task.taskId(), "SUCCESS"));
        assertThat(status(failing.getFirst().taskId()))
                .as("a deleted dead letter's task")
                .isEqualTo("FAILURE");

        List<String> actions = api.get("/api/queues/test_tasks/actions?limit=2")
                .valueStream()
                .map(action -> "%s by %s: %s (%d)"
                        .formatted(
                                action.get("action").asString(),
                                action.get("actor").asString(),
                                action.get("filter").asString(),
                                action.get("affected").asInt()))
                .toList();
        assertThat(actions)
                .containsExactly(
                        "dead_requeued by user_zero: reason~%s (2)".formatted(marker.toUpperCase(Locale.ROOT)),
                        "dead_deleted by operator: 1 named tasks (1)");
    }

    @Test
    void unfinishedTasksAreCancelledByFilterAfterAPreview() {
        String session = "bulk-" + UUID.randomUUID();
        List<TaskEnvelope> idle = IntStream.range(0, 3)
                .mapToObj(i -> TaskEnvelopes.of(IDLE_TASK).sessionId(session).build())
                .toList();
        publisher.publishAll(idle);
        idle.forEach(task -> awaitStatus(task.taskId(), "QUEUED"));
        String matching = "/api/tasks/cancel?queue=idle_tasks&sessionId=" + session;

        JsonNode preview = api.post(matching + "&preview=true", null, HttpStatus.ACCEPTED);
        assertThat(preview.get("matched").asLong()).isEqualTo(3);
        assertThat(preview.get("cancelled")).isEmpty();
        api.as(TestUsers.VIEWER).problem(HttpMethod.POST, matching, null, HttpStatus.FORBIDDEN);
        assertThat(api.problem(HttpMethod.POST, "/api/tasks/cancel?limit=5", null, HttpStatus.BAD_REQUEST)
                        .get("parameter")
                        .asString())
                .isEqualTo("status");
        for (TaskEnvelope task : idle) {
            assertThat(redis.await(redis.commands().zscore(keys.cancelled(IDLE), utf8(task.taskId()))))
                    .as("no cancel request before the real call")
                    .isNull();
        }

        JsonNode cancelled = api.as(TestUsers.OPERATOR).post(matching, null, HttpStatus.ACCEPTED);

        assertThat(cancelled.get("cancelled").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(
                        idle.stream().map(task -> task.taskId().toString()).toList());
        for (TaskEnvelope task : idle) {
            assertThat(redis.await(redis.commands().zscore(keys.cancelled(IDLE), utf8(task.taskId()))))
                    .isNotNull();
        }
        JsonNode journalled = api.get("/api/queues/idle_tasks/actions?limit=1").get(0);
        assertThat(journalled.get("action").asString()).isEqualTo("cancelled");
        assertThat(journalled.get("actor").asString()).isEqualTo("operator");
        assertThat(journalled.get("affected").asInt()).isEqualTo(3);
        assertThat(journalled.get("filter").asString()).isEqualTo("queue=idle_tasks&sessionId=" + session);
    }

    private static byte[] utf8(UUID id) {
        return id.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The claim calls this context's worker made on test_tasks: its claim round-trip timer's count. */
    long claims() {
        return meters.get("split.fetch.latency")
                .tag("queue", QUEUE.value())
                .timer()
                .count();
    }

    @Test
    void aPausedQueueKeepsItsTasksUntilResumedAndTheJournalSaysWhoDidBoth() {
        String pauses = "/api/queues/test_tasks/pause";
        api.as(TestUsers.VIEWER).problem(HttpMethod.POST, pauses, null, HttpStatus.FORBIDDEN);
        JsonNode paused = api.as(TestUsers.OPERATOR).post(pauses, "{\"reason\": \"broker upgrade\"}", HttpStatus.OK);
        TaskEnvelope task;
        try {
            assertThat(paused.get("changed").asBoolean()).isTrue();
            assertThat(paused.get("pause").get("by").asString()).isEqualTo("operator");
            JsonNode again = api.post(pauses, null, HttpStatus.OK);
            assertThat(again.get("changed").asBoolean()).as("paused already").isFalse();
            assertThat(again.get("pause").get("reason").asString()).isEqualTo("broker upgrade");

            task = publish("ok");
            awaitStatus(task.taskId(), "QUEUED");
            // three claims by the worker after the task was queued, each of which would have taken it
            long claims = claims();
            await().atMost(PATIENCE).until(() -> claims() >= claims + 3);
            assertThat(api.get("/api/tasks/" + task.taskId()).get("status").asString())
                    .isEqualTo("QUEUED");
            JsonNode queue = api.as(TestUsers.VIEWER)
                    .get("/api/queues")
                    .valueStream()
                    .filter(view -> view.get("queue").asString().equals("test_tasks"))
                    .findFirst()
                    .orElseThrow();
            assertThat(queue.get("paused").get("by").asString()).isEqualTo("operator");
            assertThat(queue.get("ready").asLong()).isPositive();
            assertThat(queue.get("ready_by_priority").get("normal").asLong())
                    .isEqualTo(queue.get("ready").asLong());
        } finally {
            JsonNode resumed = api.post("/api/queues/test_tasks/resume", null, HttpStatus.OK);
            assertThat(resumed.get("changed").asBoolean()).isTrue();
        }
        awaitStatus(task.taskId(), "SUCCESS");
        assertThat(api.post("/api/queues/test_tasks/resume", null, HttpStatus.OK)
                        .get("changed")
                        .asBoolean())
                .as("running already")
                .isFalse();

        List<String> actions = api.get("/api/queues/test_tasks/actions?limit=2")
                .valueStream()
                .map(action -> action.get("action").asString() + " by "
                        + action.get("actor").asString() + ": "
                        + action.get("reason").asString("-"))
                .toList();
        assertThat(actions).containsExactly("resumed by user_zero: -", "paused by operator: broker upgrade");
        JsonNode tooLong = api.problem(
                HttpMethod.POST, pauses, "{\"reason\": \"" + "x".repeat(501) + "\"}", HttpStatus.BAD_REQUEST);
        assertThat(tooLong.get("parameter").asString()).isEqualTo("reason");
        api.problem(HttpMethod.POST, "/api/queues/nobody_tasks/pause", null, HttpStatus.NOT_FOUND);
    }

    @Test
    void replayRunsAFinishedTaskAgainUnderANewAttempt() {
        TaskEnvelope task = publish("ok");
        awaitStatus(task.taskId(), "SUCCESS");

        JsonNode replayed = api.post("/api/tasks/" + task.taskId() + "/replay", null, HttpStatus.ACCEPTED);

        assertThat(replayed.get("task_id").asString()).isEqualTo(task.taskId().toString());
        assertThat(replayed.get("queue").asString()).isEqualTo("test_tasks");
        assertThat(replayed.get("attempt").asInt()).isEqualTo(1);
        await().atMost(PATIENCE)
                .until(() -> events(task.taskId()).stream()
                        .anyMatch(event -> event.get("event_type").asString().equals("task_succeeded")
                                && event.get("attempt").asInt() == 1));
        JsonNode retried = events(task.taskId()).stream()
                .filter(event -> event.get("event_type").asString().equals("task_retried"))
                .findFirst()
                .orElseThrow();
        assertThat(retried.get("details").get("reason").asString()).isEqualTo("replayed on request");
        assertThat(status(task.taskId())).isEqualTo("SUCCESS");
        assertThat(api.get("/api/tasks/" + task.taskId()).get("attempts").asInt())
                .isEqualTo(1);
    }

    @Test
    void replayByFilterRunsEveryMatchingFailureAgain() {
        String session = "ops-" + UUID.randomUUID();
        List<TaskEnvelope> tasks =
                IntStream.range(0, 3).mapToObj(i -> task("fail_first", session)).toList();
        publisher.publishAll(tasks);
        tasks.forEach(task -> awaitStatus(task.taskId(), "FAILURE"));

        JsonNode result = api.post(
                "/api/tasks/replay?status=FAILURE&queue=test_tasks&sessionId=" + session, null, HttpStatus.ACCEPTED);

        assertThat(result.get("matched").asLong()).isEqualTo(3);
        assertThat(result.get("skipped").asLong()).isZero();
        List<String> replayed = new ArrayList<>();
        result.get("replayed").forEach(id -> replayed.add(id.asString()));
        assertThat(replayed)
                .containsExactlyInAnyOrderElementsOf(
                        tasks.stream().map(task -> task.taskId().toString()).toList());
        tasks.forEach(task -> awaitStatus(task.taskId(), "SUCCESS"));
        // a replayed failure leaves the dead letters: a later requeue-all cannot run it a third time
        assertThat(deadTaskIds(QUEUE)).doesNotContainAnyElementsOf(replayed);
    }

    @Test
    void deadLettersAreListedAndRequeuedOnce() {
        TaskEnvelope task = publish("fail_first");
        awaitStatus(task.taskId(), "FAILURE");

        JsonNode page = api.get("/api/queues/test_tasks/dead?limit=500");
        JsonNode entry = page.get("entries")
                .valueStream()
                .filter(dead ->
                        dead.path("task_id").asString("").equals(task.taskId().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(page.get("total").asLong()).isPositive();
        assertThat(entry.get("reason").asString()).isEqualTo("no such ticker yet");
        assertThat(entry.get("attempt").asInt()).isZero();
        assertThat(entry.get("envelope").get("task_id").asString())
                .isEqualTo(task.taskId().toString());
        assertThat(Instant.parse(entry.get("failed_at").asString())).isNotNull();

        String body = "{\"task_ids\": [\"" + task.taskId() + "\"]}";
        JsonNode first = api.post("/api/queues/test_tasks/dead/requeue", body, HttpStatus.OK);
        JsonNode second = api.post("/api/queues/test_tasks/dead/requeue", body, HttpStatus.OK);

        assertThat(first.get("requeued").get(0).asString())
                .isEqualTo(task.taskId().toString());
        assertThat(second.get("requeued")).isEmpty();
        assertThat(second.get("not_found").get(0).asString())
                .isEqualTo(task.taskId().toString());
        awaitStatus(task.taskId(), "SUCCESS");
        assertThat(events(task.taskId()).stream()
                        .filter(event -> event.get("event_type").asString().equals("task_retried"))
                        .map(event -> event.get("details").get("reason").asString()))
                .containsExactly("requeued from the dead letters on request");
    }

    @Test
    void cancelReachesARunningTask() {
        TaskEnvelope task = publish("wait");
        awaitStatus(task.taskId(), "PROCESSING");

        JsonNode cancelled = api.post("/api/tasks/" + task.taskId() + "/cancel", null, HttpStatus.ACCEPTED);

        assertThat(cancelled.get("status").asString()).isEqualTo("PROCESSING");
        awaitStatus(task.taskId(), "CANCELLED");
        JsonNode problem =
                api.problem(HttpMethod.POST, "/api/tasks/" + task.taskId() + "/cancel", null, HttpStatus.CONFLICT);
        assertThat(problem.get("detail").asString()).contains("ended as CANCELLED");
    }

    @Test
    void replayOfAnUnfinishedTaskIsAConflict() {
        TaskEnvelope task = publish("wait");
        awaitStatus(task.taskId(), "PROCESSING");

        JsonNode problem =
                api.problem(HttpMethod.POST, "/api/tasks/" + task.taskId() + "/replay", null, HttpStatus.CONFLICT);

        assertThat(problem.get("detail").asString()).contains("is PROCESSING");
        api.post("/api/tasks/" + task.taskId() + "/cancel", null, HttpStatus.ACCEPTED);
        awaitStatus(task.taskId(), "CANCELLED");
    }

    @Test
    void queuesShowTheirLiveFigures() {
        TaskEnvelope waiting = TaskEnvelopes.of(IDLE_TASK).build();
        publisher.publish(waiting);

        JsonNode queues = api.get("/api/queues");

        JsonNode test = queue(queues, "test_tasks");
        JsonNode idle = queue(queues, "idle_tasks");
        assertThat(test.get("workers").asLong()).isEqualTo(1);
        assertThat(idle.get("workers").asLong()).isZero();
        assertThat(idle.get("ready").asLong()).isPositive();
        assertThat(idle.get("oldest_waiting_ms").asLong()).isNotNegative();
        assertThat(test.has("completed_last_minute")).isTrue();
        redis.await(redis.commands().del(keys.ready(IDLE)));
    }

    @Test
    void reconcilerExportsEachQueuesLiveWorkers() {
        api.get("/api/recovery/stuck");

        assertThat(meters.get("split.queue.workers")
                        .tag("queue", "test_tasks")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(meters.get("split.queue.workers")
                        .tag("queue", "idle_tasks")
                        .gauge()
                        .value())
                .isZero();
    }

    private static JsonNode queue(JsonNode queues, String name) {
        return queues.valueStream()
                .filter(queue -> queue.get("queue").asString().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void reconcilerRequeuesATaskRedisLostWhileQueued() {
        TaskEnvelope lost = task("ok", "ops-" + UUID.randomUUID());
        worker.stop(); // so that the task waits on the ready list
        try {
            publisher.publish(lost);
            awaitStatus(lost.taskId(), "QUEUED");
            // what a Redis crash or failover after the publish leaves: QUEUED in the journal, on no list in Redis
            assertThat(redis.await(redis.commands().del(keys.ready(QUEUE)))).isEqualTo(1);
        } finally {
            worker.start();
        }

        JsonNode stuck = api.get("/api/recovery/stuck");
        assertThat(stuckIds(stuck.get("stuck"))).contains(lost.taskId().toString());
        JsonNode accounting = queue(stuck.get("conservation"), "test_tasks");
        assertThat(accounting.get("difference").asLong()).isEqualTo(1);

        JsonNode repaired =
                api.post("/api/recovery/reconcile", null, HttpStatus.OK).get("repaired");

        assertThat(stuckIds(repaired)).contains(lost.taskId().toString());
        awaitStatus(lost.taskId(), "SUCCESS");
        assertThat(events(lost.taskId()).stream()
                        .filter(event -> event.get("event_type").asString().equals("task_retried"))
                        .map(event -> event.get("details").get("reason").asString()))
                .singleElement()
                .asString()
                .contains("QUEUED in the journal since")
                .contains("on no list of test_tasks in Redis");
        await().atMost(PATIENCE)
                .until(() -> queue(api.get("/api/recovery/stuck").get("conservation"), "test_tasks")
                                .get("difference")
                                .asLong()
                        == 0);
    }

    @Test
    void reconcilerTakesBackWhatADeadWorkerHoldsOnAQueueWithoutWorkers() {
        TaskEnvelope held = TaskEnvelopes.of(IDLE_TASK).build();
        String ghost = "ghost-" + UUID.randomUUID();
        redis.await(redis.commands().lpush(keys.processing(IDLE, ghost), codec.encode(held)));
        redis.await(redis.commands()
                .zadd(
                        keys.workers(IDLE),
                        (double) Instant.now().minusSeconds(120).toEpochMilli(),
                        ghost.getBytes(StandardCharsets.UTF_8)));

        JsonNode stuck = api.get("/api/recovery/stuck").get("stuck");
        assertThat(stuck.valueStream()
                        .filter(task -> task.get("task_id")
                                .asString()
                                .equals(held.taskId().toString()))
                        .map(task -> task.get("reason").asString()))
                .singleElement()
                .asString()
                .startsWith("held by worker " + ghost);

        // within a lease of the start, the reconciler leaves it for a later run: Redis has not answered long enough
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            api.post("/api/recovery/reconcile", null, HttpStatus.OK);
            return redis.await(redis.commands().llen(keys.processing(IDLE, ghost))) == 0;
        });
        byte[] requeued = redis.await(redis.commands().rpop(keys.ready(IDLE)));
        assertThat(codec.decode(requeued).taskId()).isEqualTo(held.taskId());
        assertThat(codec.decode(requeued).attempt()).isEqualTo(1);
    }

    private static List<String> stuckIds(JsonNode tasks) {
        return tasks.valueStream().map(task -> task.get("task_id").asString()).toList();
    }

    @Test
    void eachEndpointGroupNeedsItsRole() {
        UUID taskId = UUID.randomUUID();
        String created = event(taskId, "task_created", "idle_tasks").toString();

        // the journal's writers are machine clients: ingest, which operator does not imply
        api.as(null).problem(HttpMethod.POST, "/api/events", created, HttpStatus.UNAUTHORIZED);
        for (TestUsers other : List.of(TestUsers.VIEWER, TestUsers.OPERATOR)) {
            api.as(other).problem(HttpMethod.POST, "/api/events", created, HttpStatus.FORBIDDEN);
        }
        assertThat(api.find("/api/tasks/" + taskId)).isEmpty();
        api.as(TestUsers.INGEST).post("/api/events", created, HttpStatus.ACCEPTED);
        api.as(null)
                .http()
                .post()
                .uri("/api/events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestUsers.INGEST_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .body(event(UUID.randomUUID(), "task_created", "idle_tasks").toString())
                .exchange()
                .expectStatus()
                .isAccepted();
        api.as(TestUsers.INGEST).problem(HttpMethod.GET, "/api/tasks/" + taskId, null, HttpStatus.FORBIDDEN);

        // viewer reads, operator acts
        assertThat(api.as(TestUsers.VIEWER)
                        .get("/api/tasks/" + taskId)
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
        api.as(TestUsers.VIEWER).get("/api/queues");
        for (String action : List.of("/api/tasks/" + taskId + "/cancel", "/api/recovery/reconcile")) {
            JsonNode refused = api.as(TestUsers.VIEWER).problem(HttpMethod.POST, action, null, HttpStatus.FORBIDDEN);
            assertThat(refused.get("detail").asString()).contains("lacks the role operator");
        }
        api.as(TestUsers.OPERATOR).post("/api/recovery/reconcile", null, HttpStatus.OK);
    }

    @Test
    void postedEventsAreValidatedAndJournalled() {
        UUID taskId = UUID.randomUUID();
        String created = event(taskId, "task_created", "idle_tasks").toString();

        JsonNode accepted = api.post("/api/events", created, HttpStatus.ACCEPTED);

        assertThat(accepted.get("accepted").asInt()).isEqualTo(1);
        JsonNode task = api.get("/api/tasks/" + taskId);
        assertThat(task.get("status").asString()).isEqualTo("PENDING");
        assertThat(task.get("user_id").asString()).isEqualTo("user_py");
        assertThat(task.get("session_id").asString()).isEqualTo("session-py");

        UUID other = UUID.randomUUID();
        ObjectNode good = event(other, "task_created", "idle_tasks");
        ObjectNode badType = event(other, "task_exploded", "idle_tasks");
        ObjectNode noQueue = event(other, "task_queued", "idle_tasks");
        noQueue.remove("queue");
        ObjectNode unserved = event(other, "task_queued", "nobody_tasks");
        String batch = "[" + good + "," + badType + "," + noQueue + "," + unserved + "]";

        JsonNode problem = api.problem(HttpMethod.POST, "/api/events", batch, HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString()).isEqualTo("3 of 4 events are invalid; none was stored");
        assertThat(problem.get("errors")
                        .valueStream()
                        .map(error -> error.get("index").asInt()))
                .containsExactly(1, 2, 3);
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("event_type");
        api.problem(HttpMethod.GET, "/api/tasks/" + other, null, HttpStatus.NOT_FOUND);

        api.post(
                "/api/events",
                "[" + good + "," + event(other, "task_succeeded", "idle_tasks") + "]",
                HttpStatus.ACCEPTED);
        assertThat(api.get("/api/tasks/" + other).get("status").asString()).isEqualTo("SUCCESS");
    }

    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void aBodyOverOneMebibyteIsRefusedBeforeAnyEventIsJournalled(boolean chunked) {
        List<UUID> tasks = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        while (body.length() < 2_000_000) {
            UUID taskId = UUID.randomUUID();
            tasks.add(taskId);
            body.append(tasks.size() == 1 ? "" : ",").append(event(taskId, "task_created", "idle_tasks"));
        }
        body.append(']');

        JsonNode problem = api.problem(
                api.postBytes("/api/events", body.toString().getBytes(StandardCharsets.UTF_8), chunked),
                HttpStatus.CONTENT_TOO_LARGE);

        assertThat(problem.get("detail").asString()).contains("at most 1048576 bytes (1 MiB)");
        assertThat(problem.get("limit").asLong()).isEqualTo(1024 * 1024);
        api.problem(HttpMethod.GET, "/api/tasks/" + tasks.getFirst(), null, HttpStatus.NOT_FOUND);
        api.problem(HttpMethod.GET, "/api/tasks/" + tasks.getLast(), null, HttpStatus.NOT_FOUND);
    }

    @Test
    void moreEventsThanARequestMayCarryAreRefusedAndNoneCreatesATask() {
        List<UUID> tasks =
                IntStream.range(0, 1001).mapToObj(i -> UUID.randomUUID()).toList();
        String body = tasks.stream()
                .map(taskId -> event(taskId, "task_succeeded", "idle_tasks").toString())
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(body.length()).isLessThan(1024 * 1024);

        JsonNode problem = api.problem(HttpMethod.POST, "/api/events", body, HttpStatus.CONTENT_TOO_LARGE);

        assertThat(problem.get("detail").asString())
                .isEqualTo("A request holds at most 1000 events, this one holds 1001: send them in several requests");
        assertThat(problem.get("limit").asInt()).isEqualTo(1000);
        api.problem(HttpMethod.GET, "/api/tasks/" + tasks.getFirst(), null, HttpStatus.NOT_FOUND);
    }

    private ObjectNode event(UUID taskId, String type, String queue) {
        ObjectNode event = codec.mapper().createObjectNode();
        event.put("event_id", UUID.randomUUID().toString());
        event.put("event_type", type);
        event.put("task_id", taskId.toString());
        event.put("task_type", "idle_task");
        event.put("queue", queue);
        event.put("user_id", "user_py");
        event.put("session_id", "session-py");
        event.put("attempt", 0);
        event.put("occurred_at", Instant.now().toString());
        return event;
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "POST | /api/tasks/not-a-uuid/cancel | - | taskId",
                "POST | /api/tasks/not-a-uuid/replay | - | taskId",
                "POST | /api/tasks/replay | - | status",
                "POST | /api/tasks/replay?status=FAILURE&limit=0 | - | limit",
                "POST | /api/tasks/replay?status=BROKEN | - | status",
                "GET | /api/queues/Bad-Queue/dead | - | queue",
                "GET | /api/queues/test_tasks/dead?limit=0 | - | limit",
                "GET | /api/queues/test_tasks/dead?offset=-1 | - | offset",
                "POST | /api/queues/test_tasks/dead/requeue | {} | task_ids",
                "POST | /api/queues/test_tasks/dead/requeue | {\"task_ids\": [\"x\"]} | task_ids[0]",
                "POST | /api/queues/test_tasks/dead/requeue | {\"task_ids\": [], \"all\": true} | task_ids",
            })
    void answersBadRequestNamingTheParameter(String method, String path, String body, String parameter) {
        JsonNode problem = api.problem(HttpMethod.valueOf(method), path, body, HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString()).contains("'" + parameter + "'");
    }

    @Test
    void answersBadRequestForBodiesThatAreNotWhatTheyShouldBe() {
        api.problem(HttpMethod.POST, "/api/events", "not json", HttpStatus.BAD_REQUEST);
        api.problem(HttpMethod.POST, "/api/events", "[]", HttpStatus.BAD_REQUEST);
        api.problem(HttpMethod.POST, "/api/events", "\"task_created\"", HttpStatus.BAD_REQUEST);
        api.problem(HttpMethod.POST, "/api/queues/test_tasks/dead/requeue", "[1]", HttpStatus.BAD_REQUEST);
        api.problem(HttpMethod.POST, "/api/queues/test_tasks/dead/requeue", null, HttpStatus.BAD_REQUEST);
        JsonNode unknown = api.problem(HttpMethod.GET, "/api/queues/unknown_tasks/dead", null, HttpStatus.NOT_FOUND);
        assertThat(unknown.get("detail").asString()).contains("test_tasks");
        api.problem(HttpMethod.POST, "/api/tasks/" + UUID.randomUUID() + "/replay", null, HttpStatus.NOT_FOUND);
        api.problem(HttpMethod.POST, "/api/tasks/" + UUID.randomUUID() + "/cancel", null, HttpStatus.NOT_FOUND);
    }

    private List<String> deadTaskIds(QueueName queue) {
        return api.get("/api/queues/" + queue + "/dead?limit=500")
                .get("entries")
                .valueStream()
                .map(entry -> entry.path("task_id").asString(""))
                .toList();
    }
}
