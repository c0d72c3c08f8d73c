package com.split.logsrv.api;

import com.split.logsrv.store.LogRepository;
import com.split.logsrv.store.LogRow;
import com.split.web.JsonItems;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The log API. Parameters arrive as text and are validated here, so that every bad one is a 400 problem detail naming
 * it.
 */
@RestController
@RequestMapping("/api/logs")
class LogController {

    static final int MAX_RECORDS = 1000;

    private static final JsonItems<LogRow> RECORDS =
            new JsonItems<>("log records", "/com/split/tasks/schema/log-record-v1.json", MAX_RECORDS);

    private final LogQueryRepository logs;
    private final LogRepository store;

    LogController(LogQueryRepository logs, LogRepository store) {
        this.logs = logs;
        this.store = store;
    }

    /** @param ids the ids of the records stored, in order */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Accepted(int accepted, List<UUID> ids) {}

    /**
     * One record or an array of them, for clients that do not ship through {@code split:logs}: validated against the
     * record schema, masked, stored before the answer. All or nothing; idempotent on {@code id}.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted post(@RequestBody JsonNode body) {
        List<LogRow> rows = RECORDS.read(body, LogRow::from);
        store.store(rows, List.of());
        return new Accepted(rows.size(), rows.stream().map(LogRow::id).toList());
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
