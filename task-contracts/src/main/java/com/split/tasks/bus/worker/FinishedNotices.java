package com.split.tasks.bus.worker;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskPriority;
import com.split.tasks.TaskStatus;
import com.split.tasks.TaskType;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.NoticeOutbox;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.codec.TaskCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells a task's {@code reply_to} queue that the task ended, with a {@code task_finished} task whose payload carries
 * the status, the outcome's details and its error. This is how a fan-in learns that a child is done without polling.
 *
 * <p>The ending is recorded in the queue's outbox by the script that settles it ({@link NoticeOutbox}), under the
 * settlement's fence: a worker that lost the task records nothing, so a stale ending never reaches the parent. This
 * forwarder publishes the outbox's notices: at once when its worker settled an ending, and every sweep interval for
 * the endings that other scripts recorded (a task dropped at claim or promote, a reaper's dead letter) or that a
 * worker died before forwarding. A notice's idempotency key is its task's id and attempt, so a notice forwarded twice
 * (two workers' sweeps, a crash between publish and removal) is published once.
 */
final class FinishedNotices {

    /** Entries per round: one LRANGE, one publish script call per reply queue, then their LREMs, pipelined. */
    private static final int BATCH = 100;

    private static final Logger log = LoggerFactory.getLogger(FinishedNotices.class);

    private final QueueContext context;
    private final BusRedis redis;
    private final TaskPublisher publisher;
    private final TaskCodec codec;
    private final String outbox;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private @Nullable Thread thread;

    FinishedNotices(QueueContext context, BusRedis redis, String outbox, TaskPublisher publisher, TaskCodec codec) {
        this.context = context;
        this.redis = redis;
        this.outbox = outbox;
        this.publisher = publisher;
        this.codec = codec;
    }

    /** An ending with a notice was settled: forward it now rather than at the next sweep. */
    void wake() {
        wake.release();
    }

    synchronized void start() {
        running = true;
        thread = Thread.ofPlatform()
                .name("split-notices-" + context.queue())
                .daemon()
                .start(this::loop);
    }

    /** Forwards what the outbox holds once more, waiting at most {@code timeout}; the rest waits for a sweep. */
    void stop(Duration timeout) throws InterruptedException {
        running = false;
        wake.release();
        Thread forwarder;
        synchronized (this) {
            forwarder = thread;
        }
        if (forwarder != null) {
            forwarder.join(timeout.toMillis());
        }
    }

    private void loop() {
        long backoffMillis = 50;
        boolean last = false;
        while (!last) {
            try {
                wake.tryAcquire(context.settings().reapInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                last = !running;
                while (forward() == BATCH) {
                    // a backlog: go on until the outbox is short
                }
                backoffMillis = 50;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (last) {
                    return;
                }
                log.warn(
                        "Could not forward the notices of {}, trying again in {} ms: {}",
                        context.queue(),
                        backoffMillis,
                        e.toString());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 2_000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Publishes up to {@value #BATCH} notices of the outbox, oldest first, and removes their entries once they are on
     * the bus.
     *
     * @return the entries handled
     */
    int forward() {
        List<byte[]> entries = redis.await(redis.commands().lrange(outbox, -BATCH, -1));
        List<TaskEnvelope> notices = new ArrayList<>(entries.size());
        for (int i = entries.size() - 1; i >= 0; i--) { // LPUSHed: the tail is the oldest
            TaskEnvelope notice = notice(entries.get(i));
            if (notice != null) {
                notices.add(notice);
            }
        }
        if (!notices.isEmpty()) {
            publisher.publishAll(notices);
        }
        List<CompletionStage<Long>> removals = new ArrayList<>(entries.size());
        for (byte[] entry : entries) {
            removals.add(redis.commands().lrem(outbox, 1, entry));
        }
        removals.forEach(redis::await);
        return entries.size();
    }

    /**
     * The notice of an outbox entry; over the envelope size limit it goes without the task's details and tickers, and
     * if even that does not fit, or the entry cannot be read, there is none (logged).
     */
    private @Nullable TaskEnvelope notice(byte[] bytes) {
        NoticeOutbox.Entry entry;
        try {
            entry = NoticeOutbox.read(codec, bytes);
        } catch (IllegalArgumentException e) {
            log.error("Dropping an entry of the notice outbox of {}: {}", context.queue(), e.getMessage());
            return null;
        }
        TaskEnvelope task = entry.task();
        TaskEnvelope notice = notice(task, entry.status(), entry.details(), task.tickers(), entry.error());
        String refused;
        try {
            codec.encode(notice);
            return notice;
        } catch (IllegalArgumentException tooLarge) {
            refused = tooLarge.getMessage();
            log.error(
                    "Task {} ended with a notice to {} too large for the bus ({}); it goes without details and"
                            + " tickers",
                    task.taskId(),
                    task.replyTo(),
                    refused);
        }
        ObjectNode instead = codec.mapper().createObjectNode().put("truncated", refused);
        TaskEnvelope trimmed = notice(task, entry.status(), instead, List.of(), entry.error());
        try {
            codec.encode(trimmed);
            return trimmed;
        } catch (IllegalArgumentException tooLarge) {
            log.error(
                    "Task {} ended without telling {}: even trimmed, its notice is refused ({})",
                    task.taskId(),
                    task.replyTo(),
                    tooLarge.getMessage());
            return null;
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
                // a parent waits on it: ahead of the work waiting on the reply queue
                .priority(TaskPriority.HIGH)
                .initiator(task.targetModule(), context.workerId())
                .userId(task.userId())
                .sessionId(task.sessionId())
                .parentTaskId(task.parentTaskId())
                .tickers(tickers)
                .timeout(Duration.ofMinutes(1))
                .idempotencyKey("finished:" + task.taskId() + ":" + task.attempt())
                // the outbox's thread has no span: the notice joins the trace of the task it reports on
                .traceparent(task.traceparent())
                .payload(payload)
                .build();
    }
}
