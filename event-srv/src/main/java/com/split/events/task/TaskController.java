package com.split.events.task;

import com.split.web.InvalidParameterException;
import com.split.web.Parameters;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
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

    /**
     * The query of a bulk action: the same filter as {@code GET /api/tasks}, at least one condition of it, the most
     * tasks to act on, and whether only to count them.
     */
    record BulkQuery(
            @Nullable String status,
            @Nullable String queue,
            @Nullable String taskType,
            @Nullable String sessionId,
            @Nullable String userId,
            @Nullable String from,
            @Nullable String to,
            @Nullable String limit,
            @Nullable String preview) {

        TaskFilter filter(String action) {
            TaskFilter filter = TaskFilter.parse(status, queue, taskType, sessionId, userId, from, to, null, null);
            if (filter.isEmpty()) {
                throw new InvalidParameterException(
                        "status",
                        "or another filter is required: a %s of every task is never what is meant".formatted(action));
            }
            return filter;
        }

        int limit(int max) {
            return Parameters.integer("limit", limit, max, 1, max);
        }

        boolean isPreview() {
            return Parameters.bool("preview", preview, false);
        }
    }

    /** Replays the finished tasks the query matches, newest first; with {@code preview=true} only counts them. */
    @PostMapping("/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    BulkReplayed replayMatching(Authentication caller, @ParameterObject BulkQuery query) {
        return actions.replay(
                query.filter("replay"), query.limit(actions.replayLimit()), caller.getName(), query.isPreview());
    }

    /** Cancels the unfinished tasks the query matches, oldest first; with {@code preview=true} only counts them. */
    @PostMapping("/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    BulkCancelled cancelMatching(Authentication caller, @ParameterObject BulkQuery query) {
        return actions.cancel(
                query.filter("cancel"), query.limit(actions.replayLimit()), caller.getName(), query.isPreview());
    }
}
