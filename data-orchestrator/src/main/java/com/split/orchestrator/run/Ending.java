package com.split.orchestrator.run;

import com.split.tasks.TaskStatus;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * How a child ended, as its {@code task_finished} notice says: the payload {@code {"task_id", "task_type", "status",
 * "attempt", "details", "error"}}.
 *
 * @param taskId the child's id
 * @param taskType the child's type
 * @param status its terminal status
 * @param error the message of its error, if it had one
 * @param details the details of its outcome; an empty object when it had none
 */
record Ending(
        UUID taskId,
        String taskType,
        TaskStatus status,
        @Nullable String error,
        JsonNode details) {

    /** @throws IllegalArgumentException if the payload is not a notice's */
    static Ending fromPayload(JsonNode payload) {
        String taskId = text(payload, "task_id");
        String taskType = text(payload, "task_type");
        String status = text(payload, "status");
        if (taskId == null || taskType == null || status == null) {
            throw new IllegalArgumentException("a task_finished payload needs task_id, task_type and status");
        }
        TaskStatus ending = TaskStatus.valueOf(status);
        if (!ending.isTerminal()) {
            throw new IllegalArgumentException("task_finished with the status " + status + ", which is not an end");
        }
        JsonNode details =
                payload.path("details").isObject() ? payload.get("details") : JsonNodeFactory.instance.objectNode();
        return new Ending(UUID.fromString(taskId), taskType, ending, text(payload.path("error"), "message"), details);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }

    /** Whether the child did its work: SUCCESS, or NO_DATA (nothing needed doing). */
    boolean succeeded() {
        return status == TaskStatus.SUCCESS || status == TaskStatus.NO_DATA;
    }

    /** Why it did not: its error's message, or its status when it has none (a cancelled task). */
    String reason() {
        return error != null && !error.isBlank() ? error : "%s ended %s".formatted(taskType, status);
    }
}
