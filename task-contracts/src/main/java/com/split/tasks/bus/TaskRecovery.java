package com.split.tasks.bus;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskStatus;
import com.split.tasks.codec.InvalidEnvelopeException;
import com.split.tasks.codec.TaskCodec;
import io.lettuce.core.Range;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Puts tasks back on the bus from wherever they are stuck: a dead worker's processing list (the reaper), the
 * dead-letter list, or nowhere at all (a finished task replayed, or a task only the journal still knows). Every move
 * is one script that writes the task's events with it, so the journal sees why the task runs again.
 *
 * <p>Thread-safe. Used by the workers' reaper and by event-srv's recovery APIs.
 */
public final class TaskRecovery {

    /** Tasks per requeue script call: enough to amortize a round trip, few enough not to stall Redis. */
    static final int CHUNK = 500;

    private final BusScripts scripts;
    private final BusRedis redis;
    private final RedisKeys keys;
    private final TaskCodec codec;
    private final Clock clock;

    public TaskRecovery(BusScripts scripts, TaskCodec codec, Clock clock) {
        this.scripts = scripts;
        this.redis = scripts.redis();
        this.keys = scripts.keys();
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * A task to put on the ready list of its priority for its next attempt.
     *
     * @param next the envelope of the attempt to run, with the same task id and a higher attempt than any before
     * @param reason why it runs again, journalled with its {@code task_retried}
     * @param deadLetter the dead-letter record it leaves, exactly as listed; the requeue happens only if this record
     *     is still there to remove. Null for a task that is not in the dead-letter list.
     */
    public record Requeue(TaskEnvelope next, String reason, byte @Nullable [] deadLetter) {}

    /**
     * Why a worker's tasks are taken back, which decides whether their rerun counts against {@code max_retries}
     * (BullMQ keeps such a separate count of stalls).
     *
     * @param errorType the error type of the task_retried (or task_failed) it journals
     * @param counted whether the rerun counts: a lost worker does, or a task that kills its worker would run for ever
     */
    public enum Cause {
        /** The worker stopped beating. */
        WORKER_LOST("worker_lost", true),
        /** The worker shut down before the task ended. */
        WORKER_SHUT_DOWN("worker_shut_down", false),
        /** The worker claimed the task by a call whose reply it never got. */
        CLAIM_REPLY_LOST("claim_reply_lost", false);

        private final String errorType;
        private final boolean counted;

        Cause(String errorType, boolean counted) {
            this.errorType = errorType;
            this.counted = counted;
        }
    }

    /**
     * Requeues tasks of one queue, atomically per chunk of {@value #CHUNK}.
     *
     * @return for each task in order, whether it was requeued (false: its dead-letter record was gone, because someone
     *     else requeued it first)
     */
    public List<Boolean> requeue(QueueName queue, List<Requeue> tasks) {
        Instant now = clock.instant();
        List<CompletionStage<List<Boolean>>> replies = new ArrayList<>();
        for (int from = 0; from < tasks.size(); from += CHUNK) {
            List<BusScripts.Requeued> chunk = new ArrayList<>();
            for (Requeue task : tasks.subList(from, Math.min(tasks.size(), from + CHUNK))) {
                if (!task.next().queue().equals(queue)) {
                    throw new IllegalArgumentException("task %s belongs to %s, not %s"
                            .formatted(task.next().taskId(), task.next().queue(), queue));
                }
                TaskEvent retried = TaskEvent.of(EventType.TASK_RETRIED, task.next(), now)
                        .withDetails(codec.toPayload(Map.of("retry_in_ms", 0, "reason", task.reason())));
                chunk.add(new BusScripts.Requeued(
                        task.deadLetter(),
                        codec.encode(task.next()),
                        task.next().priority(),
                        codec.streamFields(retried, null),
                        codec.streamFields(TaskEvent.of(EventType.TASK_QUEUED, task.next(), now), null)));
            }
            replies.add(scripts.requeue(queue, chunk));
        }
        List<Boolean> requeued = new ArrayList<>(tasks.size());
        for (CompletionStage<List<Boolean>> reply : replies) {
            requeued.addAll(redis.await(reply));
        }
        return requeued;
    }

    /**
     * Takes back the tasks of every worker of the queue whose heartbeat is older than the lease.
     *
     * @param except a worker never to reap (the caller itself), or null
     * @return tasks moved per worker reaped
     */
    public Map<String, Integer> reapDeadWorkers(QueueName queue, Duration lease, @Nullable String except) {
        long cutoff = redis.serverMillis() - lease.toMillis();
        List<byte[]> dead = redis.await(redis.commands()
                .zrangebyscore(keys.workers(queue), Range.create(Double.NEGATIVE_INFINITY, (double) cutoff)));
        Map<String, Integer> reaped = new LinkedHashMap<>();
        for (byte[] member : dead) {
            String worker = new String(member, StandardCharsets.UTF_8);
            if (worker.equals(except)) {
                continue;
            }
            int moved = takeBack(
                    queue,
                    worker,
                    cutoff,
                    true,
                    Cause.WORKER_LOST,
                    "worker " + worker + " lost (no heartbeat for " + lease + ")");
            if (moved >= 0) {
                reaped.put(worker, moved);
            }
        }
        return reaped;
    }

    /**
     * Moves everything in the worker's processing list back to ready (next attempt) or to dead (no attempt left).
     *
     * @param heartbeatCutoff the heartbeat (Redis epoch ms) the worker must not have beaten after, or null to move
     *     regardless
     * @param forget whether to drop the worker from the live set once its list is empty
     * @return tasks moved, or -1 if the worker turned out to be alive
     */
    public int takeBack(
            QueueName queue,
            String worker,
            @Nullable Long heartbeatCutoff,
            boolean forget,
            Cause cause,
            String reason) {
        List<byte[]> listed = redis.await(redis.commands().lrange(keys.processing(queue, worker), 0, -1));
        return takeBack(queue, worker, listed, heartbeatCutoff, forget, cause, reason);
    }

    /**
     * Returns to ready the tasks in a live worker's processing list that it does not know it holds: claimed by a call
     * whose reply was lost (Redis restarted or failed over mid-call). A live worker's list is never reaped, so without
     * this they would stay there for good.
     *
     * @param held how many times the worker holds each envelope, as it knows
     * @return tasks moved
     */
    public int takeBackOrphans(QueueName queue, String worker, Map<ByteBuffer, Integer> held) {
        List<byte[]> listed = redis.await(redis.commands().lrange(keys.processing(queue, worker), 0, -1));
        Map<ByteBuffer, Integer> known = new HashMap<>(held);
        List<byte[]> orphans = new ArrayList<>();
        for (byte[] envelope : listed) {
            if (known.merge(ByteBuffer.wrap(envelope), -1, Integer::sum) < 0) {
                orphans.add(envelope);
            }
        }
        if (orphans.isEmpty()) {
            return 0;
        }
        return takeBack(
                queue,
                worker,
                orphans,
                null,
                false,
                Cause.CLAIM_REPLY_LOST,
                "claimed by " + worker + " but its reply was lost");
    }

    /** Moves the given envelopes of the worker's list, and forgets the worker if asked and its list is then empty. */
    private int takeBack(
            QueueName queue,
            String worker,
            List<byte[]> envelopes,
            @Nullable Long heartbeatCutoff,
            boolean forget,
            Cause cause,
            String reason) {
        Instant now = clock.instant();
        List<Settlement> moves = new ArrayList<>(envelopes.size());
        for (byte[] envelope : envelopes) {
            moves.add(takeBack(envelope, worker, cause, reason, now));
        }
        return scripts.reap(queue, worker, heartbeatCutoff, forget, moves);
    }

    private Settlement takeBack(byte[] envelope, String worker, Cause cause, String reason, Instant now) {
        TaskEnvelope task;
        try {
            task = codec.decode(envelope);
        } catch (InvalidEnvelopeException e) {
            return new Settlement.DeadLetter(envelope, deadLetter(e.reason(), now, worker, envelope), Map.of(), null);
        }
        if (cause.counted && !task.hasRetriesLeft()) {
            return lost(
                    task,
                    envelope,
                    worker,
                    "worker lost on the last of %d attempts%s".formatted(task.countedAttempts(), uncounted(task)),
                    now);
        }
        TaskEnvelope next = cause.counted ? task.withAttempt(task.attempt() + 1) : task.redelivered();
        byte[] nextEnvelope;
        try {
            nextEnvelope = codec.encode(next);
        } catch (IllegalArgumentException tooLarge) {
            // Its next attempt grew past the size limit (one more digit): dead-letter the bytes it was claimed with.
            return lost(task, envelope, worker, "cannot requeue: " + tooLarge.getMessage(), now);
        }
        TaskEvent event = TaskEvent.of(EventType.TASK_RETRIED, task, now)
                .withWorker(worker)
                .withAttempt(next.attempt())
                .withError(new TaskEvent.ErrorInfo(cause.errorType, reason))
                .withDetails(codec.toPayload(Map.of("retry_in_ms", 0)));
        return new Settlement.Requeue(envelope, nextEnvelope, next.priority(), codec.streamFields(event, null));
    }

    /** What a dead-letter reason adds about the reruns that did not count, if there were any. */
    public static String uncounted(TaskEnvelope task) {
        return task.redeliveries() == 0
                ? ""
                : " (not counting %d reruns after a worker shut down or a claim's reply was lost)"
                        .formatted(task.redeliveries());
    }

    /** Dead-letters a lost worker's task as claimed, journalled as failed, its parent told when it has one. */
    private Settlement lost(TaskEnvelope task, byte[] envelope, String worker, String why, Instant now) {
        TaskEvent event = TaskEvent.of(EventType.TASK_FAILED, task, now)
                .withWorker(worker)
                .withError(new TaskEvent.ErrorInfo("worker_lost", why));
        return new Settlement.DeadLetter(
                envelope,
                deadLetter(why, now, worker, envelope),
                codec.streamFields(event, null),
                NoticeOutbox.entry(codec, task, envelope, TaskStatus.FAILURE, event));
    }

    private byte[] deadLetter(String reason, Instant now, String worker, byte[] envelope) {
        return DeadLetter.of(reason, now, worker, envelope).toJson(codec.mapper());
    }
}
