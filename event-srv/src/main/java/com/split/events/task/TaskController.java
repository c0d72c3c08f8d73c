package com.split.events.task;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The journal's read API. Parameters arrive as text and are validated here, so that every bad one is a 400 problem
 * detail naming it rather than a conversion error.
 */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final TaskQueryRepository tasks;

    TaskController(TaskQueryRepository tasks) {
        this.tasks = tasks;
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
        var id = TaskFilter.taskId(taskId);
        return tasks.find(id).orElseThrow(() -> new TaskNotFoundException(id));
    }

    @GetMapping("/{taskId}/events")
    List<JsonNode> events(@PathVariable String taskId) {
        var id = TaskFilter.taskId(taskId);
        if (!tasks.exists(id)) {
            throw new TaskNotFoundException(id);
        }
        return tasks.events(id);
    }
}
