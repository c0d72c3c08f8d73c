package com.split.events.task;

import com.split.tasks.QueueName;
import com.split.tasks.TaskStatus;
import com.split.web.InvalidParameterException;
import com.split.web.Parameters;
import com.split.web.TimeRange;
import java.time.Instant;
import java.util.StringJoiner;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/** The validated parameters of {@code GET /api/tasks}. */
record TaskFilter(
        @Nullable TaskStatus status,
        @Nullable QueueName queue,
        @Nullable String taskType,
        @Nullable String sessionId,
        @Nullable String userId,
        @Nullable Instant from,
        @Nullable Instant to,
        int page,
        int size) {

    static final int DEFAULT_SIZE = 50;

    /** The conditions given, as a query string (paging left out): what a bulk action's journal entry says it took. */
    String describe() {
        StringJoiner conditions = new StringJoiner("&");
        BiConsumer<String, @Nullable Object> add = (name, value) -> {
            if (value != null) {
                conditions.add(name + "=" + value);
            }
        };
        add.accept("status", status);
        add.accept("queue", queue);
        add.accept("taskType", taskType);
        add.accept("sessionId", sessionId);
        add.accept("userId", userId);
        add.accept("from", from);
        add.accept("to", to);
        return conditions.toString();
    }

    /** Whether the filter selects anything narrower than every task. */
    boolean isEmpty() {
        return describe().isEmpty();
    }

    static final int MAX_SIZE = 500;

    /** Parses the raw parameters; each one that is not usable is an {@link InvalidParameterException} naming it. */
    static TaskFilter parse(
            @Nullable String status,
            @Nullable String queue,
            @Nullable String taskType,
            @Nullable String sessionId,
            @Nullable String userId,
            @Nullable String from,
            @Nullable String to,
            @Nullable String page,
            @Nullable String size) {
        TimeRange period = TimeRange.parse(from, to);
        return new TaskFilter(
                Parameters.status("status", status),
                Parameters.queue("queue", queue),
                Parameters.blankToNull(taskType),
                Parameters.blankToNull(sessionId),
                Parameters.blankToNull(userId),
                period.from(),
                period.to(),
                Parameters.integer("page", page, 0, 0, Integer.MAX_VALUE),
                Parameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }
}
