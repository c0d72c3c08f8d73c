package com.split.events.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.events.EventStreams;
import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskType;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.TaskEnvelopes;
import com.split.web.test.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** The charts' API over real HTTP, against a journal fed through the events streams (real Redis and MariaDB). */
@SplitIntegrationTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"split.events.queues=chart_tasks"})
@Import({ApiClient.class, EventStreams.class})
class ActivityApiIntegrationTests {

    static final TaskType CHART_TASK = new TaskType("chart_task", QueueName.of("chart_tasks"), "tests");
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    EventStreams streams;

    @Autowired
    ApiClient api;

    @Test
    void countsFinishedTasksPerMinuteAndQueue() {
        // whole minutes back from the current one, so that each lands in a known bucket of the last hour
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String session = "session-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        ids.add(finish(session, minute.minus(Duration.ofMinutes(5)).plusSeconds(1), EventType.TASK_SUCCEEDED));
        ids.add(finish(session, minute.minus(Duration.ofMinutes(5)).plusSeconds(2), EventType.TASK_NO_DATA));
        ids.add(finish(session, minute.minus(Duration.ofMinutes(5)).plusSeconds(3), EventType.TASK_FAILED));
        ids.add(finish(session, minute.minus(Duration.ofMinutes(2)).plusSeconds(1), EventType.TASK_TIMEOUT));
        ids.add(finish(session, minute.minus(Duration.ofMinutes(2)).plusSeconds(2), EventType.TASK_CANCELLED));
        // two hours ago: outside a window of one hour
        ids.add(finish(session, minute.minus(Duration.ofHours(2)), EventType.TASK_SUCCEEDED));
        awaitJournalled(session, ids.size());

        JsonNode throughput = api.get("/api/tasks/throughput?hours=1");

        Instant from = Instant.parse(throughput.get("from").asString());
        assertThat(Instant.parse(throughput.get("to").asString())).isEqualTo(from.plus(Duration.ofHours(1)));
        assertThat(throughput.get("step_seconds").asInt()).isEqualTo(60);
        JsonNode queue = queue(throughput, "chart_tasks");
        assertThat(queue.get("completed")).hasSize(60);
        int fiveAgo = (int)
                Duration.between(from, minute.minus(Duration.ofMinutes(5))).toMinutes();
        int twoAgo = fiveAgo + 3;
        assertThat(queue.get("completed").get(fiveAgo).asLong()).isEqualTo(2);
        assertThat(queue.get("failed").get(fiveAgo).asLong()).isEqualTo(1);
        assertThat(queue.get("failed").get(twoAgo).asLong()).isEqualTo(1);
        assertThat(total(queue.get("completed"))).isEqualTo(2);
        assertThat(total(queue.get("failed"))).isEqualTo(2);
        assertThat(total(queue(api.get("/api/tasks/throughput?hours=3"), "chart_tasks")
                        .get("completed")))
                .isEqualTo(3);
    }

    @Test
    void drawsASessionsTasksAsWaitsAndRuns() {
        String session = "session-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-01-02T03:04:05.006Z");
        TaskEnvelope retried = TaskEnvelopes.of(CHART_TASK).sessionId(session).build();
        TaskEnvelope running = TaskEnvelopes.of(CHART_TASK).sessionId(session).build();
        streams.append(retried, TaskEvent.of(EventType.TASK_CREATED, retried, t0), true);
        streams.append(retried, TaskEvent.of(EventType.TASK_STARTED, retried, t0.plusMillis(100)), false);
        streams.append(retried, TaskEvent.of(EventType.TASK_RETRIED, retried, t0.plusMillis(300)), false);
        streams.append(retried, TaskEvent.of(EventType.TASK_QUEUED, retried, t0.plusMillis(800)), false);
        streams.append(retried, TaskEvent.of(EventType.TASK_STARTED, retried, t0.plusMillis(900)), false);
        streams.append(retried, TaskEvent.of(EventType.TASK_SUCCEEDED, retried, t0.plusMillis(950)), false);
        streams.append(running, TaskEvent.of(EventType.TASK_CREATED, running, t0.plusMillis(1)), true);
        streams.append(running, TaskEvent.of(EventType.TASK_STARTED, running, t0.plusMillis(400)), false);
        await().atMost(PATIENCE)
                .until(() -> api.get("/api/tasks/gantt?sessionId=" + session)
                                .get("tasks")
                                .findValues("kind")
                                .size()
                        == 6);

        JsonNode gantt = api.get("/api/tasks/gantt?sessionId=" + session);

        assertThat(gantt.get("session_id").asString()).isEqualTo(session);
        assertThat(gantt.get("truncated").asBoolean()).isFalse();
        JsonNode first = gantt.get("tasks").get(0);
        assertThat(first.get("task_id").asString()).isEqualTo(retried.taskId().toString());
        assertThat(first.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(first.get("segments").findValuesAsString("kind"))
                .containsExactly("waiting", "running", "waiting", "running");
        JsonNode retry = first.get("segments").get(1);
        assertThat(Instant.parse(retry.get("from").asString())).isEqualTo(t0.plusMillis(100));
        assertThat(Instant.parse(retry.get("to").asString())).isEqualTo(t0.plusMillis(300));
        assertThat(retry.get("outcome").asString()).isEqualTo("RETRY");
        JsonNode open = gantt.get("tasks").get(1).get("segments").get(1);
        assertThat(open.get("kind").asString()).isEqualTo("running");
        assertThat(open.get("to").isNull()).isTrue();
        assertThat(api.get("/api/tasks/gantt?sessionId=no-such-session").get("tasks"))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/tasks/throughput?hours=0 | hours",
                "/api/tasks/throughput?hours=25 | hours",
                "/api/tasks/throughput?hours=all | hours",
                "/api/tasks/gantt | sessionId",
                "/api/tasks/gantt?sessionId= | sessionId",
            })
    void answersBadRequestNamingTheParameter(String path, String parameter) {
        JsonNode problem = api.problem(HttpMethod.GET, path, null, HttpStatus.BAD_REQUEST);

        assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
    }

    @Test
    void refusesASessionIdLongerThanTheJournalKeeps() {
        JsonNode problem = api.problem(
                HttpMethod.GET, "/api/tasks/gantt?sessionId=" + "s".repeat(129), null, HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString()).contains("at most 128 characters");
    }

    /** Journals a task of the session that was created a second before it reached the final status at {@code at}. */
    private String finish(String session, Instant at, EventType ending) {
        TaskEnvelope task = TaskEnvelopes.of(CHART_TASK).sessionId(session).build();
        streams.append(task, TaskEvent.of(EventType.TASK_CREATED, task, at.minusSeconds(1)), true);
        streams.append(task, TaskEvent.of(ending, task, at), false);
        return task.taskId().toString();
    }

    private void awaitJournalled(String session, int tasks) {
        await().atMost(PATIENCE)
                .until(() ->
                        api.get("/api/tasks?status=&sessionId=" + session).get("content").findValues("status").stream()
                                        .filter(status -> !status.asString().equals("PENDING"))
                                        .count()
                                == tasks);
    }

    private static JsonNode queue(JsonNode throughput, String name) {
        for (JsonNode queue : throughput.get("queues")) {
            if (queue.get("queue").asString().equals(name)) {
                return queue;
            }
        }
        throw new AssertionError("no " + name + " in " + throughput);
    }

    private static long total(JsonNode counts) {
        long total = 0;
        for (JsonNode count : counts) {
            total += count.asLong();
        }
        return total;
    }
}
