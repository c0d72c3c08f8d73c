package com.split.tasks.codec;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An envelope that cannot run: not JSON, not valid against the schema, or too large. The reason is what a dead letter
 * records; the task id is there when it could be read, so that the failure can be journalled against the task.
 */
public final class InvalidEnvelopeException extends RuntimeException {

    private final @Nullable UUID taskId;

    public InvalidEnvelopeException(String reason, @Nullable UUID taskId) {
        super(reason, null, false, false); // a routine outcome for poison: no stack trace to fill
        this.taskId = taskId;
    }

    public String reason() {
        return getMessage();
    }

    public Optional<UUID> taskId() {
        return Optional.ofNullable(taskId);
    }
}
