package com.split.tasks.bus.worker;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskStatus;
import com.split.tasks.TaskType;
import com.split.tasks.bus.BusUnavailableException;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.codec.TaskCodec;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells a task's {@code reply_to} queue that the task ended, with a {@code task_finished} task whose payload carries
 * the status, the outcome's details and its error. This is how a fan-in learns that a child is done without polling.
 *
 * <p>The notice is published before the task is settled, so a crash in between repeats the run and the notice: a
 * receiver sees each ending at least once and must count children by task id.
 */
final class FinishedNotices {

    private static final Logger log = LoggerFactory.getLogger(FinishedNotices.class);

    private final TaskPublisher publisher;
    private final TaskCodec codec;
    private final String workerId;

    FinishedNotices(TaskPublisher publisher, TaskCodec codec, String workerId) {
        this.publisher = publisher;
        this.codec = codec;
        this.workerId = workerId;
    }

    /**
     * Publishes the notice for {@code task} if it has a {@code reply_to}, trying again while Redis is away. A notice
     * over the envelope size limit goes out without the task's details and tickers; if even that does not fit, the
     * task is settled without one.
     *
     * @param keepTrying whether the worker still wants this task settled; once false, it stops trying
     * @return whether the task may be settled: true once the notice is on the bus, or when there is none to send
     */
    boolean send(TaskEnvelope task, TaskStatus status, TaskEvent ending, BooleanSupplier keepTrying)
            throws InterruptedException {
        if (task.replyTo() == null) {
            return true;
        }
        TaskEnvelope notice = notice(task, status, ending.details(), task.tickers(), ending.error());
        boolean trimmed = false;
        long backoffMillis = 50;
        while (true) {
            try {
                publisher.publish(notice);
                return true;
            } catch (IllegalArgumentException tooLarge) {
                if (trimmed) {
                    log.error(
                            "Task {} is settled without telling {} that it ended: even trimmed, its notice is refused"
                                    + " ({})",
                            task.taskId(),
                            task.replyTo(),
                            tooLarge.getMessage());
                    return true;
                }
                log.error(
                        "Task {} ended with a notice to {} too large for the bus ({}); it goes without details and"
                                + " tickers",
                        task.taskId(),
                        task.replyTo(),
                        tooLarge.getMessage());
                ObjectNode instead = codec.mapper().createObjectNode().put("truncated", tooLarge.getMessage());
                notice = notice(task, status, instead, List.of(), ending.error());
                trimmed = true;
            } catch (BusUnavailableException e) {
                if (!keepTrying.getAsBoolean()) {
                    return false;
                }
                log.warn(
                        "Could not tell {} that task {} ended, trying again in {} ms: {}",
                        task.replyTo(),
                        task.taskId(),
                        backoffMillis,
                        e.toString());
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 2_000);
            }
        }
    }

    private TaskEnvelope notice(
            TaskEnvelope task,
            TaskStatus status,
            @Nullable ObjectNode details,
            List<String> tickers,
            TaskEvent.@Nullable ErrorInfo error) {
        ObjectNode payload = codec.mapper().createObjectNode();
        payload.put("task_id", task.taskId().toString());
        payload.put("task_type", task.taskType());
        payload.put("status", status.name());
        payload.put("attempt", task.attempt());
        payload.set("details", details == null ? codec.mapper().createObjectNode() : details);
        if (error == null) {
            payload.putNull("error");
        } else {
            payload.putObject("error").put("type", error.type()).put("message", error.message());
        }
        return TaskEnvelope.builder(
                        TaskType.taskFinished(task.replyTo(), task.initiator().module()))
                .initiator(task.targetModule(), workerId)
                .userId(task.userId())
                .sessionId(task.sessionId())
                .parentTaskId(task.parentTaskId())
                .tickers(tickers)
                .timeout(Duration.ofMinutes(1))
                .payload(payload)
                .build();
    }
}
