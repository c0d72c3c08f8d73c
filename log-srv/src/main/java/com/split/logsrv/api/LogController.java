package com.split.logsrv.api;

import com.split.logsrv.store.LogRepository;
import com.split.logsrv.store.LogRow;
import com.split.logsrv.store.LogStoreProperties;
import com.split.tasks.TaskIds;
import com.split.web.JsonItems;
import jakarta.servlet.http.HttpServletRequest;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The log API. Parameters arrive as text and are validated here, so that every bad one is a 400 problem detail naming
 * it.
 */
@RestController
@RequestMapping("/api/logs")
class LogController {

    /** The instance of a posted record that names none, when the client's address is not known either. */
    static final String UNKNOWN_INSTANCE = "unknown";

    private final JsonItems<LogRow> records;
    private final LogQueryRepository logs;
    private final LogRepository store;

    LogController(LogQueryRepository logs, LogRepository store, LogStoreProperties properties) {
        this.records = new JsonItems<>(
                "log records", "/com/split/tasks/schema/log-record-v1.json", properties.maxRecordsPerRequest());
        this.logs = logs;
        this.store = store;
    }

    /** @param ids the ids of the records stored, in order */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Accepted(int accepted, List<UUID> ids) {}

    /**
     * One record or an array of them, for clients that do not ship through {@code split:logs}: validated against the
     * record schema, masked, stored before the answer. All or nothing; idempotent on {@code id}. A record may leave out
     * {@code id} (it gets a fresh UUIDv7, so a resent one is stored again) and {@code instance} (the client's address,
     * as the server sees it).
     */
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted post(@RequestBody JsonNode body, HttpServletRequest request) {
        String address = request.getRemoteAddr();
        String instance = address == null || address.isBlank() ? UNKNOWN_INSTANCE : address;
        if (body.isArray()) {
            body.forEach(record -> assignOmitted(record, instance));
        } else {
            assignOmitted(body, instance);
        }
        List<LogRow> rows = records.read(body, LogRow::from);
        store.store(rows, List.of());
        return new Accepted(rows.size(), rows.stream().map(LogRow::id).toList());
    }

    /**
     * What a client other than the bus's appender may leave out. Only an absent or null field is filled in: anything
     * else the client sent is validated as it came.
     */
    private static void assignOmitted(JsonNode record, String instance) {
        if (record instanceof ObjectNode fields) {
            if (fields.path("id").isMissingNode() || fields.path("id").isNull()) {
                fields.put("id", TaskIds.newId().toString());
            }
            if (fields.path("instance").isMissingNode()
                    || fields.path("instance").isNull()) {
                fields.put("instance", instance);
            }
        }
    }

    /** Records newest first; {@code level} is that level and above, {@code q} a substring of the message. */
    @GetMapping
    LogPage list(
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(required = false) @Nullable String module,
            @RequestParam(required = false) @Nullable String userId,
            @RequestParam(required = false) @Nullable String sessionId,
            @RequestParam(required = false) @Nullable String taskId,
            @RequestParam(required = false) @Nullable String traceId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size) {
        return logs.find(LogFilter.parse(level, module, userId, sessionId, taskId, traceId, from, to, q, page, size));
    }
}
