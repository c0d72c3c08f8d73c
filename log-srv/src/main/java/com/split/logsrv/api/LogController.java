package com.split.logsrv.api;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The log API. Parameters arrive as text and are validated here, so that every bad one is a 400 problem detail naming
 * it.
 */
@RestController
@RequestMapping("/api/logs")
class LogController {

    private final LogQueryRepository logs;

    LogController(LogQueryRepository logs) {
        this.logs = logs;
    }

    /** Records newest first; {@code level} is that level and above, {@code q} a substring of the message. */
    @GetMapping
    LogPage list(
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(required = false) @Nullable String module,
            @RequestParam(required = false) @Nullable String userId,
            @RequestParam(required = false) @Nullable String sessionId,
            @RequestParam(required = false) @Nullable String taskId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size) {
        return logs.find(LogFilter.parse(level, module, userId, sessionId, taskId, from, to, q, page, size));
    }
}
