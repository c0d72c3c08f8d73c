package com.split.tasks.bus;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskStatus;
import com.split.tasks.codec.InvalidEnvelopeException;
import com.split.tasks.codec.TaskCodec;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The entries of a queue's notice outbox ({@code split:{Q}:outbox}): the ending of a task that has a {@code reply_to},
 * recorded by the script that ends the task, in the same call. Only the worker that still held the task records it
 * (the fence of its settlement), and a crash after the ending cannot lose it: a worker of the queue publishes the
 * {@code task_finished} notice from the entry, then removes the entry.
 *
 * <p>An entry is a JSON object: {@code status}, {@code envelope} (the task's envelope as text), {@code error}
 * ({@code type}, {@code message}) and {@code details}, both optional. The scripts that drop a cancelled task write the
 * same shape ({@code outbox.lua}).
 */
public final class NoticeOutbox {

    private NoticeOutbox() {}

    /** An ending read back from the outbox. */
    public record Entry(
            TaskStatus status, TaskEnvelope task, @Nullable ObjectNode details, TaskEvent.@Nullable ErrorInfo error) {}

    /**
     * The outbox entry of a task's ending, for the script that ends it to record.
     *
     * @param envelope the task's envelope as it was on the bus
     * @return the entry, or null when the task has no {@code reply_to}: nobody waits for its notice
     */
    public static byte @Nullable [] entry(
            TaskCodec codec, TaskEnvelope task, byte[] envelope, TaskStatus status, TaskEvent ending) {
        if (task.replyTo() == null) {
            return null;
        }
        ObjectNode entry = codec.mapper().createObjectNode();
        entry.put("status", status.name());
        entry.put("envelope", new String(envelope, StandardCharsets.UTF_8));
        if (ending.error() != null) {
            entry.putObject("error")
                    .put("type", ending.error().type())
                    .put("message", ending.error().message());
        }
        if (ending.details() != null) {
            entry.set("details", ending.details());
        }
        return codec.mapper().writeValueAsBytes(entry);
    }

    /**
     * Reads an entry back.
     *
     * @throws IllegalArgumentException if it is not an entry this version can read, with the reason
     */
    public static Entry read(TaskCodec codec, byte[] entry) {
        JsonNode node;
        try {
            node = codec.mapper().readTree(entry);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("unreadable outbox entry: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject() || !node.path("envelope").isString()) {
            throw new IllegalArgumentException("an outbox entry is an object with an envelope");
        }
        TaskStatus status;
        try {
            status = TaskStatus.valueOf(node.path("status").asString(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outbox entry with unknown status " + node.path("status"), e);
        }
        TaskEnvelope task;
        try {
            task = codec.decode(node.get("envelope").asString().getBytes(StandardCharsets.UTF_8));
        } catch (InvalidEnvelopeException e) {
            throw new IllegalArgumentException("outbox entry with an invalid envelope: " + e.reason(), e);
        }
        JsonNode error = node.path("error");
        return new Entry(
                status,
                task,
                node.get("details") instanceof ObjectNode details ? details : null,
                error.isObject()
                        ? new TaskEvent.ErrorInfo(
                                error.path("type").asString(""),
                                error.path("message").asString(""))
                        : null);
    }
}
