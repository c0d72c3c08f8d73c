package com.split.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The lifecycle events journalled for every task, with the status each one sets. */
public enum EventType {
    TASK_CREATED(TaskStatus.PENDING),
    TASK_QUEUED(TaskStatus.QUEUED),
    TASK_RECEIVED(TaskStatus.RECEIVED),
    TASK_STARTED(TaskStatus.PROCESSING),
    TASK_PROGRESS(TaskStatus.PROCESSING),
    TASK_SUCCEEDED(TaskStatus.SUCCESS),
    TASK_NO_DATA(TaskStatus.NO_DATA),
    TASK_FAILED(TaskStatus.FAILURE),
    TASK_RETRIED(TaskStatus.RETRY),
    TASK_CANCELLED(TaskStatus.CANCELLED),
    TASK_TIMEOUT(TaskStatus.TIMEOUT),
    /** Domain details from a handler (rows written, rejects); leaves the status as it is. */
    TASK_BUSINESS_RESULT(null);

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final @Nullable TaskStatus status;
    private final String wireName;

    EventType(@Nullable TaskStatus status) {
        this.status = status;
        this.wireName = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The status this event sets, empty for {@link #TASK_BUSINESS_RESULT}. */
    public Optional<TaskStatus> status() {
        return Optional.ofNullable(status);
    }

    /** The name on the wire: {@code task_created}, … */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    @JsonCreator
    static EventType ofWireName(String wireName) {
        return fromWireName(wireName)
                .orElseThrow(() -> new IllegalArgumentException("unknown event_type '" + wireName + "'"));
    }
}
