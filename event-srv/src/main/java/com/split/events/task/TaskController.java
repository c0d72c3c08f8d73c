package com.split.events.task;

import com.split.web.InvalidParameterException;
import com.split.web.Parameters;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The task API: the journal's state and history of tasks, and the cancel and replay actions. Parameters arrive as
 * text and are validated here, so that every bad one is a 400 problem detail naming it rather than a conversion error.
 */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final TaskQueryRepository tasks;
    private final TaskActions actions;

    TaskController(TaskQueryRepository tasks, TaskActions actions) {
        this.tasks = tasks;
        this.actions = actions;
    }

    @GetMapping
    TaskPage list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String queue,
            @RequestParam(required = false) @Nullable String taskType,
            @RequestParam(required = false) @Nullable String sessionId,
            @RequestParam(required = false) @Nullable String userId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size) {
        return tasks.find(TaskFilter.parse(status, queue, taskType, sessionId, userId, from, to, page, size));
    }

    @GetMapping("/counts")
    TaskCounts counts() {
        return tasks.counts();
    }

    @GetMapping("/{taskId}")
    TaskView task(@PathVariable String taskId) {
        var id = Parameters.taskId("taskId", taskId);
        return tasks.find(id).orElseThrow(() -> new TaskNotFoundException(id));
    }

    @GetMapping("/{taskId}/events")
    List<JsonNode> events(@PathVariable String taskId) {
        var id = Parameters.taskId("taskId", taskId);
        if (!tasks.exists(id)) {
            throw new TaskNotFoundException(id);
        }
        return tasks.events(id);
    }

    @PostMapping("/{taskId}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CancelRequested cancel(@PathVariable String taskId) {
        return actions.cancel(Parameters.taskId("taskId", taskId));
    }

    @PostMapping("/{taskId}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Replayed replay(@PathVariable String taskId) {
        return actions.replay(Parameters.taskId("taskId", taskId));
    }

    /** Replays the finished tasks matching the same filter as {@code GET /api/tasks}, newest first. */
    @PostMapping("/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    BulkReplayed replayMatching(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String queue,
            @RequestParam(required = false) @Nullable String taskType,
            @RequestParam(required = false) @Nullable String sessionId,
            @RequestParam(required = false) @Nullable String userId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String limit) {
        TaskFilter filter = TaskFilter.parse(status, queue, taskType, sessionId, userId, from, to, null, null);
        if (filter.equals(TaskFilter.parse(null, null, null, null, null, null, null, null, null))) {
            throw new InvalidParameterException(
                    "status", "or another filter is required: a replay of every task is never what is meant");
        }
        int max = actions.replayLimit();
        return actions.replay(filter, Parameters.integer("limit", limit, max, 1, max));
    }
}
