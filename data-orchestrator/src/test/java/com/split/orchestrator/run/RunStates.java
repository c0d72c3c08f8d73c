package com.split.orchestrator.run;

import com.split.tasks.TaskIds;
import com.split.tasks.TaskPriority;
import com.split.tasks.TaskStatus;
import com.split.tasks.codec.TaskCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Run states for the unit tests, built up step by step as the scripts would leave them. */
final class RunStates {

    static final JsonMapper MAPPER = new TaskCodec().mapper();
    static final Instant START = Instant.parse("2026-11-24T10:00:00.123Z");

    private final List<String> tickers;
    private final List<ChildSpec> children = new ArrayList<>();
    private final Map<UUID, Ending> endings = new LinkedHashMap<>();
    private final Map<Step, RunState.StepProgress> steps = new EnumMap<>(Step.class);
    private RunStatus status = RunStatus.RUNNING;
    private @Nullable String reason;
    private Step step = Step.FETCH;
    private long sequence;

    private RunStates(List<String> tickers) {
        this.tickers = tickers;
    }

    /** A run whose fetch step began with these children. */
    static RunStates fetching(List<String> tickers, List<ChildSpec> fetch) {
        RunStates run = new RunStates(tickers);
        run.children.addAll(fetch);
        run.steps.put(Step.FETCH, new RunState.StepProgress(StepState.RUNNING, START, null));
        return run;
    }

    RunStates ended(ChildSpec child, TaskStatus status, @Nullable String error, Map<String, ?> details) {
        ObjectNode payload = MAPPER.createObjectNode()
                .put("task_id", child.taskId().toString())
                .put("task_type", child.type().name())
                .put("status", status.name())
                .put("attempt", 0);
        payload.set("details", MAPPER.valueToTree(details));
        if (error == null) {
            payload.putNull("error");
        } else {
            payload.putObject("error").put("type", "failure").put("message", error);
        }
        endings.put(child.taskId(), Ending.fromPayload(payload));
        return this;
    }

    RunStates succeeded(ChildSpec child) {
        return ended(child, TaskStatus.SUCCESS, null, Map.of());
    }

    /** The step before {@code next} is done and {@code next} began with {@code child}. */
    RunStates began(ChildSpec child, Instant at) {
        steps.put(
                step, new RunState.StepProgress(StepState.DONE, steps.get(step).startedAt(), at));
        step = child.step();
        children.add(child);
        steps.put(step, new RunState.StepProgress(StepState.RUNNING, at, null));
        return this;
    }

    RunStates endedRun(RunStatus status, @Nullable String reason, StepState stepState, Instant at) {
        this.status = status;
        this.reason = reason;
        steps.put(step, new RunState.StepProgress(stepState, steps.get(step).startedAt(), at));
        return this;
    }

    RunStates sequence(long sequence) {
        this.sequence = sequence;
        return this;
    }

    RunState state() {
        RunState.StepProgress last = steps.get(step);
        return new RunState(
                "run-test",
                "user_zero",
                1,
                UUID.fromString("01a23a00-0000-7000-8000-000000000001"),
                TaskPriority.NORMAL,
                tickers,
                START,
                UUID.fromString("01a23a00-0000-7000-8000-000000000002"),
                START.plusSeconds(600),
                status,
                reason,
                status == RunStatus.RUNNING ? null : last.finishedAt(),
                step,
                RunState.Phase.RUNNING,
                null,
                false,
                sequence,
                new EnumMap<>(steps),
                List.copyOf(children),
                Map.copyOf(endings));
    }

    static ChildSpec child(Step step, int chunk, List<String> tickers) {
        return new ChildSpec(TaskIds.newId(), step, chunk, step.taskTypes().getFirst(), tickers);
    }

    static JsonNode json(String text) {
        return MAPPER.readTree(text);
    }

    /** A payload as its receiver reads it: numbers in the types the codec reads them as. */
    static JsonNode asRead(JsonNode payload) {
        return MAPPER.readTree(MAPPER.writeValueAsString(payload));
    }
}
