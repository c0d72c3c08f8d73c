package com.split.tasks.bus.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskPriority;
import com.split.tasks.TaskType;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The task a schedule publishes at each due time: its envelope's fields, with the bus's defaults for those left out.
 *
 * @param taskType the task type's wire name
 * @param queue its queue; may be left out for SPLit's own task types ({@link TaskType#builtIn})
 * @param targetModule the module that runs it; may be left out with the queue
 * @param userId the user the task acts for, {@value TaskEnvelope#DEFAULT_USER} by default
 * @param maxRetries 5 by default, as for any task
 * @param timeoutMs how long one run may take, 60 s by default
 * @param priority its priority on its queue, {@code low} by default: what a user starts goes before what a schedule
 *     does
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduledTask(
        String taskType,
        QueueName queue,
        String targetModule,
        String userId,
        List<String> tickers,
        ObjectNode payload,
        int maxRetries,
        long timeoutMs,
        TaskPriority priority) {

    @JsonCreator
    public ScheduledTask(
            String taskType,
            @Nullable QueueName queue,
            @Nullable String targetModule,
            @Nullable String userId,
            @Nullable List<String> tickers,
            @Nullable ObjectNode payload,
            @Nullable Integer maxRetries,
            @Nullable Long timeoutMs,
            @Nullable TaskPriority priority) {
        TaskType type = type(taskType, queue, targetModule);
        this(
                type.name(),
                type.queue(),
                type.targetModule(),
                userId == null || userId.isBlank() ? TaskEnvelope.DEFAULT_USER : userId,
                tickers == null ? List.of() : List.copyOf(tickers),
                payload == null ? JsonNodeFactory.instance.objectNode() : payload,
                maxRetries == null ? 5 : maxRetries,
                timeoutMs == null ? Duration.ofSeconds(60).toMillis() : timeoutMs,
                priority == null ? TaskPriority.LOW : priority);
    }

    public ScheduledTask {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("task.max_retries must not be negative");
        }
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("task.timeout_ms must be positive");
        }
    }

    /** A schedule's task of one of SPLit's own types, with the defaults. */
    public static ScheduledTask of(TaskType type, String userId, ObjectNode payload) {
        return new ScheduledTask(
                type.name(), type.queue(), type.targetModule(), userId, null, payload, null, null, null);
    }

    public TaskType type() {
        return new TaskType(taskType, queue, targetModule);
    }

    private static TaskType type(@Nullable String taskType, @Nullable QueueName queue, @Nullable String targetModule) {
        if (taskType == null || taskType.isBlank()) {
            throw new IllegalArgumentException("task.task_type is required");
        }
        if (queue == null && targetModule == null) {
            return TaskType.builtIn(taskType)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "task.queue and task.target_module are required for task type '%s', which is not one of SPLit's own"
                                    .formatted(taskType)));
        }
        if (queue == null || targetModule == null) {
            throw new IllegalArgumentException("task.queue and task.target_module go together: give both or neither");
        }
        return new TaskType(taskType, queue, targetModule);
    }
}
