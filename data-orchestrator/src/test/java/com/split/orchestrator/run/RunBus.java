package com.split.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskPriority;
import com.split.tasks.TaskStatus;
import com.split.tasks.TaskType;
import com.split.tasks.bus.BusEvents;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.codec.TaskCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The bus as the integration tests use it: refreshes and notices published by hand, and what portfolio-mngr got. */
record RunBus(TaskPublisher publisher, TaskCodec codec, StandIns standIns, BusEvents events) {

    static final long PORTFOLIO_ID = 7;
    static final String USER = "user_test";

    static String newSession() {
        return "run-" + UUID.randomUUID();
    }

    /** Publishes a refresh as portfolio-mngr does when a user asks for one. */
    UUID refresh(String sessionId, List<String> tickers) {
        return refresh(sessionId, tickers, TaskPriority.NORMAL);
    }

    UUID refresh(String sessionId, List<String> tickers, TaskPriority priority) {
        return publisher.publish(TaskEnvelope.builder(TaskType.REFRESH)
                .priority(priority)
                .initiator("portfolio-mngr", "tests")
                .userId(USER)
                .sessionId(sessionId)
                .tickers(tickers)
                .payload(codec.mapper().createObjectNode().put("portfolio_id", PORTFOLIO_ID))
                .build());
    }

    /** A {@code task_finished} notice of {@code child}, as a worker would send it. */
    TaskEnvelope notice(TaskEnvelope child, UUID noticeId, TaskStatus status, Map<String, ?> details) {
        ObjectNode payload = codec.mapper()
                .createObjectNode()
                .put("task_id", child.taskId().toString())
                .put("task_type", child.taskType())
                .put("status", status.name())
                .put("attempt", 0);
        payload.set("details", codec.toPayload(details));
        payload.putNull("error");
        return TaskEnvelope.builder(TaskType.TASK_FINISHED)
                .taskId(noticeId)
                .initiator(child.targetModule(), "tests")
                .userId(child.userId())
                .sessionId(child.sessionId())
                .parentTaskId(child.parentTaskId())
                .tickers(child.tickers())
                .payload(payload)
                .build();
    }

    /** The payloads of the session's {@code run_progress} messages, in the order they were consumed. */
    List<JsonNode> progress(String sessionId) {
        return payloads(sessionId, TaskType.RUN_PROGRESS);
    }

    List<JsonNode> completions(String sessionId) {
        return payloads(sessionId, TaskType.RUN_COMPLETED);
    }

    /** Waits for the session's {@code run_completed}. */
    JsonNode awaitCompleted(String sessionId) {
        await().atMost(StandIns.PATIENCE).until(() -> !completions(sessionId).isEmpty());
        return completions(sessionId).getFirst();
    }

    /** The last {@code run_progress} of a step by sequence, as portfolio-mngr keeps it. */
    JsonNode latestProgress(String sessionId, String step) {
        return progress(sessionId).stream()
                .filter(message -> message.get("step").asString().equals(step))
                .max((a, b) -> Long.compare(
                        a.get("sequence").asLong(), b.get("sequence").asLong()))
                .orElseThrow();
    }

    /** Asserts that the run ended in its fetch step: no filter task was published, and the step is reported failed. */
    void assertEndedInFetch(String sessionId) {
        assertThat(published(sessionId, TaskType.INITIAL_FILTER)).isZero();
        await().atMost(StandIns.PATIENCE)
                .untilAsserted(() -> assertThat(
                                latestProgress(sessionId, "fetch").get("state").asString())
                        .isEqualTo("failed"));
    }

    /** How many tasks of {@code type} were published on their queue in the session ({@code task_created} events). */
    long published(String sessionId, TaskType type) {
        return sessionEvents(type.queue(), sessionId).stream()
                .filter(event -> event.eventType() == EventType.TASK_CREATED
                        && type.name().equals(event.taskType()))
                .count();
    }

    /**
     * The events on a queue of the session's tasks. Only {@code task_created} names the session (later events of a
     * task leave out what it said), so the others are found by task id.
     */
    List<TaskEvent> sessionEvents(QueueName queue, String sessionId) {
        List<TaskEvent> all = events.events(queue);
        Set<UUID> ours = all.stream()
                .filter(event -> event.eventType() == EventType.TASK_CREATED && sessionId.equals(event.sessionId()))
                .map(TaskEvent::taskId)
                .collect(Collectors.toSet());
        return all.stream().filter(event -> ours.contains(event.taskId())).toList();
    }

    private List<JsonNode> payloads(String sessionId, TaskType type) {
        Map<UUID, JsonNode> byTask = new LinkedHashMap<>(); // once per task, however often it was consumed
        standIns.received(sessionId, type).forEach(task -> byTask.putIfAbsent(task.taskId(), task.payload()));
        return List.copyOf(byTask.values());
    }
}
