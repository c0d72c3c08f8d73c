package com.split.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One lifecycle event of a task, as event-srv journals it. JSON Schema: {@code com/split/tasks/schema/task-event-v1.json}.
 *
 * <p>On a queue's {@code split:{Q}:events} stream an event is one entry whose fields are these properties, with
 * {@code tickers}, {@code error} and {@code details} as JSON text; {@code status} is left out there because it follows
 * from {@code event_type}, and fields the bus does not know at that point (the user of a task a worker just claimed)
 * are absent: the journal fills them from the task's {@code task_created} event, which carries the whole envelope.
 *
 * @param status the status {@code eventType} sets; null for {@code task_business_result}
 * @param attempt the attempt this event belongs to; for {@code task_retried} the attempt that comes next
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskEvent(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) EventType eventType,
        @Nullable TaskStatus status,
        @JsonProperty(required = true) UUID taskId,
        @Nullable String taskType,
        @Nullable QueueName queue,
        @Nullable String sourceModule,
        @Nullable String targetModule,
        @Nullable String userId,
        @Nullable String sessionId,
        @Nullable List<String> tickers,
        @Nullable Integer attempt,
        @Nullable String workerId,
        @JsonProperty(required = true) Instant occurredAt,
        @Nullable ErrorInfo error,
        @Nullable ObjectNode details) {

    public TaskEvent {
        if (eventId == null || eventType == null || taskId == null || occurredAt == null) {
            throw new IllegalArgumentException("event_id, event_type, task_id and occurred_at are required");
        }
        TaskStatus implied = eventType.status().orElse(null);
        if (status == null) {
            status = implied;
        } else if (status != implied) {
            throw new IllegalArgumentException(
                    "status %s does not match event_type %s".formatted(status, eventType.wireName()));
        }
        tickers = tickers == null ? null : List.copyOf(tickers);
    }

    /**
     * What went wrong, for failures, retries and timeouts. Both texts are bounded, because an exception's message is
     * not: an ending must always fit in its event and in its {@code task_finished} notice.
     */
    public record ErrorInfo(String type, String message) {

        /** The longest {@code type} kept, in chars. */
        public static final int MAX_TYPE_CHARS = 200;

        /** The longest {@code message}, in chars; a longer one is cut to this length, ending with its full length. */
        public static final int MAX_MESSAGE_CHARS = 8_192;

        public ErrorInfo {
            type = cut(type, MAX_TYPE_CHARS);
            message = cut(message, MAX_MESSAGE_CHARS);
        }

        /** Cuts to at most {@code maxChars}, so that a text cut once (read back from a stream) is not cut again. */
        private static String cut(String text, int maxChars) {
            if (text == null || text.length() <= maxChars) {
                return text;
            }
            String mark = "… (cut from %d chars)".formatted(text.length());
            int keep = maxChars - mark.length();
            if (Character.isHighSurrogate(text.charAt(keep - 1))) {
                keep--;
            }
            return text.substring(0, keep) + mark;
        }
    }

    /** An event about {@code task}, with every field the envelope can tell. */
    public static TaskEvent of(EventType type, TaskEnvelope task, Instant at) {
        return new TaskEvent(
                TaskIds.newId(),
                type,
                null,
                task.taskId(),
                task.taskType(),
                task.queue(),
                task.initiator().module(),
                task.targetModule(),
                task.userId(),
                task.sessionId(),
                task.tickers(),
                task.attempt(),
                null,
                at,
                null,
                null);
    }

    public TaskEvent withWorker(@Nullable String worker) {
        return with(attempt, worker, error, details);
    }

    public TaskEvent withError(@Nullable ErrorInfo failure) {
        return with(attempt, workerId, failure, details);
    }

    public TaskEvent withDetails(@Nullable ObjectNode extra) {
        return with(attempt, workerId, error, extra);
    }

    public TaskEvent withAttempt(int next) {
        return with(next, workerId, error, details);
    }

    /** This event with the fields that the {@code withX} methods set; every other field is kept. */
    private TaskEvent with(
            @Nullable Integer attempt,
            @Nullable String workerId,
            @Nullable ErrorInfo error,
            @Nullable ObjectNode details) {
        return new TaskEvent(
                eventId,
                eventType,
                status,
                taskId,
                taskType,
                queue,
                sourceModule,
                targetModule,
                userId,
                sessionId,
                tickers,
                attempt,
                workerId,
                occurredAt,
                error,
                details);
    }
}
