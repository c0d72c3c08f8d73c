package com.split.tasks.bus;

import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskPriority;
import com.split.tasks.codec.InvalidEnvelopeException;
import com.split.tasks.codec.TaskCodec;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Reads what a queue holds in Redis: its depths, its workers, its dead letters and the ids of every task on it. Reads
 * only; lists are read in pages, so a long queue never blocks Redis for long.
 *
 * <p>Thread-safe.
 */
public final class QueueInspector {

    /** Entries per LRANGE or ZRANGE page when a whole list is walked. */
    static final int PAGE = 1000;

    private final BusRedis redis;
    private final RedisKeys keys;
    private final TaskCodec codec;
    private final Clock clock;

    public QueueInspector(BusRedis redis, RedisKeys keys, TaskCodec codec, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * A queue's figures at one moment.
     *
     * @param ready tasks waiting on the ready lists of every priority
     * @param readyByPriority tasks waiting on each priority's ready list
     * @param processing tasks held by workers, live or not yet reaped
     * @param workers workers whose heartbeat is within the lease
     * @param oldestWaiting the age of the task that has waited longest on a ready list; null when they are empty or
     *     their heads are not readable envelopes
     * @param pause who paused the queue, when and why; null unless it is paused
     */
    public record QueueFigures(
            QueueName queue,
            long ready,
            Map<TaskPriority, Long> readyByPriority,
            long processing,
            long delayed,
            long dead,
            long workers,
            @Nullable Duration oldestWaiting,
            QueuePauses.@Nullable QueuePause pause) {}

    public QueueFigures figures(QueueName queue, Duration lease) {
        var commands = redis.commands();
        Map<TaskPriority, CompletionStage<Long>> ready = new EnumMap<>(TaskPriority.class);
        List<CompletionStage<byte[]>> heads = new ArrayList<>();
        for (TaskPriority priority : TaskPriority.values()) {
            ready.put(priority, commands.llen(keys.ready(queue, priority)));
            heads.add(commands.lindex(keys.ready(queue, priority), -1));
        }
        var delayed = commands.zcard(keys.delayed(queue));
        var dead = commands.llen(keys.dead(queue));
        var paused = commands.get(keys.paused(queue));
        Map<String, Long> heartbeats = workers(queue);
        List<CompletionStage<Long>> held = new ArrayList<>();
        heartbeats.keySet().forEach(worker -> held.add(commands.llen(keys.processing(queue, worker))));
        long processing = 0;
        for (CompletionStage<Long> length : held) {
            processing += redis.await(length);
        }
        long now = redis.serverMillis(); // the clock heartbeats carry
        long live = heartbeats.values().stream()
                .filter(beat -> beat >= now - lease.toMillis())
                .count();
        Map<TaskPriority, Long> readyByPriority = new EnumMap<>(TaskPriority.class);
        ready.forEach((priority, length) -> readyByPriority.put(priority, redis.await(length)));
        @Nullable Duration oldest = null;
        for (CompletionStage<byte[]> head : heads) {
            Duration age = age(redis.await(head));
            if (age != null && (oldest == null || age.compareTo(oldest) > 0)) {
                oldest = age;
            }
        }
        return new QueueFigures(
                queue,
                readyByPriority.values().stream().mapToLong(Long::longValue).sum(),
                Collections.unmodifiableMap(readyByPriority),
                processing,
                redis.await(delayed),
                redis.await(dead),
                live,
                oldest,
                QueuePauses.read(codec, redis.await(paused)));
    }

    private @Nullable Duration age(byte @Nullable [] envelope) {
        if (envelope == null) {
            return null;
        }
        try {
            Duration age = Duration.between(codec.decode(envelope).createdAt(), clock.instant());
            return age.isNegative() ? Duration.ZERO : age;
        } catch (InvalidEnvelopeException e) {
            return null; // poison at the head: a worker will dead-letter it; its age says nothing
        }
    }

    /** The Redis server's clock, in epoch ms: the clock heartbeats carry, to compare them with. */
    public long serverMillis() {
        return redis.serverMillis();
    }

    /** The ids of the tasks whose cancellation request is still in force at {@code now}. */
    public Set<String> cancelRequests(QueueName queue, Instant now) {
        Set<String> ids = new HashSet<>();
        redis.await(redis.commands()
                        .zrangebyscore(
                                keys.cancelled(queue),
                                Range.create((double) now.toEpochMilli(), Double.POSITIVE_INFINITY)))
                .forEach(id -> ids.add(new String(id, StandardCharsets.UTF_8)));
        return ids;
    }

    /** The queue's workers with their last heartbeat (Redis epoch ms), live or not yet reaped. */
    public Map<String, Long> workers(QueueName queue) {
        Map<String, Long> workers = new LinkedHashMap<>();
        for (ScoredValue<byte[]> worker : redis.await(redis.commands().zrangeWithScores(keys.workers(queue), 0, -1))) {
            workers.put(new String(worker.getValue(), StandardCharsets.UTF_8), (long) worker.getScore());
        }
        return workers;
    }

    /**
     * A dead letter as listed.
     *
     * @param record the entry exactly as it is in {@code split:{Q}:dead}, which a requeue removes
     * @param letter the entry read, or null if it is not a dead-letter record
     * @param task its envelope, or null if the envelope is not a valid one
     * @param taskId the task's id, read even from an invalid envelope when it has one
     */
    public record DeadLetterEntry(
            byte[] record,
            @Nullable DeadLetter letter,
            @Nullable TaskEnvelope task,
            @Nullable UUID taskId) {}

    /** A page of a dead-letter list, newest first, and its length. */
    public record DeadLetters(long total, List<DeadLetterEntry> entries) {}

    public DeadLetters deadLetters(QueueName queue, long offset, int limit) {
        var commands = redis.commands();
        var total = commands.llen(keys.dead(queue));
        var page = commands.lrange(keys.dead(queue), offset, offset + limit - 1);
        return new DeadLetters(
                redis.await(total),
                redis.await(page).stream().map(this::deadLetter).toList());
    }

    /** Every dead letter of the queue, walked page by page. */
    /**
     * Removes one dead letter, by its exact record: one requeued or removed by someone else meanwhile is not found. The
     * one write of this class, beside the reads that choose what to remove.
     *
     * @return whether it was there
     */
    public boolean deleteDeadLetter(QueueName queue, byte[] record) {
        return redis.await(redis.commands().lrem(keys.dead(queue), 1, record)) > 0;
    }

    public void forEachDeadLetter(QueueName queue, Consumer<DeadLetterEntry> action) {
        walkList(keys.dead(queue), record -> action.accept(deadLetter(record)));
    }

    private DeadLetterEntry deadLetter(byte[] record) {
        DeadLetter letter;
        try {
            letter = DeadLetter.fromJson(codec.mapper(), record);
        } catch (JacksonException e) {
            return new DeadLetterEntry(record, null, null, null);
        }
        byte[] envelope = letter.envelopeBytes();
        try {
            TaskEnvelope task = codec.decode(envelope);
            return new DeadLetterEntry(record, letter, task, task.taskId());
        } catch (InvalidEnvelopeException e) {
            return new DeadLetterEntry(
                    record, letter, null, codec.readTaskId(envelope).orElse(null));
        }
    }

    /**
     * The ids of the tasks the queue holds: ready (at every priority), delayed and in every worker's processing list. Not a snapshot: a
     * task moving between them while they are read may be missed, so a caller that acts on an absence checks again.
     * Lists are walked from the head, where pushes land: a push shifts what is left to read further back, so it is
     * read twice rather than skipped.
     */
    public Set<UUID> taskIds(QueueName queue) {
        Set<UUID> ids = new HashSet<>();
        Consumer<byte[]> collect = envelope -> codec.readTaskId(envelope).ifPresent(ids::add);
        for (String worker : workers(queue).keySet()) {
            walkList(keys.processing(queue, worker), collect);
        }
        walkSortedSet(keys.delayed(queue), collect);
        keys.readyLists(queue).forEach(ready -> walkList(ready, collect));
        return ids;
    }

    /** The ids of the tasks in one worker's processing list. */
    public List<UUID> heldBy(QueueName queue, String worker) {
        List<UUID> ids = new ArrayList<>();
        walkList(
                keys.processing(queue, worker),
                envelope -> codec.readTaskId(envelope).ifPresent(ids::add));
        return ids;
    }

    private void walkList(String key, Consumer<byte[]> action) {
        walk((start, stop) -> redis.commands().lrange(key, start, stop), action);
    }

    private void walkSortedSet(String key, Consumer<byte[]> action) {
        walk((start, stop) -> redis.commands().zrange(key, start, stop), action);
    }

    /** The members of a list or sorted set from {@code start} to {@code stop}, both included. */
    private interface Members {
        CompletionStage<List<byte[]>> read(long start, long stop);
    }

    /** Hands every member to {@code action}, {@value #PAGE} per reply. */
    private void walk(Members members, Consumer<byte[]> action) {
        for (long start = 0; ; start += PAGE) {
            List<byte[]> page = redis.await(members.read(start, start + PAGE - 1));
            page.forEach(action);
            if (page.size() < PAGE) {
                return;
            }
        }
    }
}
