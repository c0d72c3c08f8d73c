package com.split.tasks.bus;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.codec.TaskCodec;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts tasks on the bus. Each publish is one Lua script on the queue's slot: the envelope onto the ready list of its
 * priority ({@code split:{Q}:ready} for normal tasks) with its {@code task_created} and {@code task_queued} events, or
 * nothing at all. A task with an
 * {@code idempotency_key} seen within the dedupe TTL is not published again: the id of the first one is returned.
 *
 * <p>Thread-safe; concurrent publishes share one pipelined connection.
 */
public final class TaskPublisher {

    /** Tasks per script call in {@link #publishAll}: large enough to amortize a round trip, small enough not to stall Redis. */
    static final int CHUNK = 1000;

    private static final Logger log = LoggerFactory.getLogger(TaskPublisher.class);

    private final BusScripts scripts;
    private final BusRedis redis;
    private final TaskCodec codec;
    private final Clock clock;
    private final Duration dedupeTtl;
    private final ReplicaWait replicaWait;
    private BusRedis.@Nullable Connection waitingConnection;

    /**
     * @param replicaWait after each publish, how many replicas must have the write and how long to wait for them; with
     *     none, a publish returns once the primary has it
     */
    public TaskPublisher(
            BusScripts scripts, TaskCodec codec, Clock clock, Duration dedupeTtl, ReplicaWait replicaWait) {
        this.scripts = scripts;
        this.redis = scripts.redis();
        this.codec = codec;
        this.clock = clock;
        this.dedupeTtl = dedupeTtl;
        this.replicaWait = replicaWait;
        if (replicaWait.replicas() > 0 && redis.isCluster()) {
            log.warn(
                    "split.bus.publish.wait-for-replicas is ignored on Redis Cluster: WAIT cannot follow a key's slot");
        }
    }

    /** How many replicas a publish waits for; {@code replicas == 0} waits for none. */
    public record ReplicaWait(int replicas, Duration timeout) {
        public static final ReplicaWait NONE = new ReplicaWait(0, Duration.ZERO);
    }

    /**
     * Publishes one task, ready now.
     *
     * @return the task's id, or for a duplicate idempotency key the id of the task first published with it
     * @throws IllegalArgumentException if the envelope exceeds the size limit
     * @throws BusUnavailableException if Redis does not confirm in time; the task may or may not be on the bus, so
     *     retry with an idempotency key where a duplicate matters
     */
    public UUID publish(TaskEnvelope task) {
        return publishAll(List.of(task)).getFirst();
    }

    /**
     * Publishes many tasks (a fan-out) in few round trips: one script call per queue and chunk of {@value #CHUNK},
     * all pipelined. Atomic per chunk, not across chunks.
     *
     * @return the standing task id of each task, in the order given
     */
    public List<UUID> publishAll(List<TaskEnvelope> tasks) {
        return send(tasks, null);
    }

    /**
     * Publishes a task that becomes ready at {@code at}: it waits in {@code split:{Q}:delayed} as PENDING, and the
     * promoter queues it when due. A time in the past publishes it now.
     */
    public UUID schedule(TaskEnvelope task, Instant at) {
        return send(List.of(task), at).getFirst();
    }

    private List<UUID> send(List<TaskEnvelope> tasks, @Nullable Instant at) {
        Instant now = clock.instant();
        long due = at != null && at.isAfter(now) ? at.toEpochMilli() : 0;
        Map<QueueName, List<Integer>> byQueue = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            byQueue.computeIfAbsent(tasks.get(i).queue(), q -> new ArrayList<>())
                    .add(i);
        }
        List<Chunk> chunks = new ArrayList<>();
        byQueue.forEach((queue, indexes) -> {
            for (int from = 0; from < indexes.size(); from += CHUNK) {
                List<Integer> part = indexes.subList(from, Math.min(indexes.size(), from + CHUNK));
                List<BusScripts.Publication> publications = new ArrayList<>(part.size());
                for (int index : part) {
                    publications.add(publication(tasks.get(index), now, due));
                }
                chunks.add(new Chunk(part, scripts.publish(publishCommands(), queue, publications, dedupeTtl)));
            }
        });
        UUID[] ids = new UUID[tasks.size()];
        for (Chunk chunk : chunks) {
            List<UUID> standing = redis.await(chunk.reply());
            for (int i = 0; i < standing.size(); i++) {
                ids[chunk.indexes().get(i)] = standing.get(i);
            }
        }
        waitForReplicas();
        return List.of(ids);
    }

    private record Chunk(List<Integer> indexes, CompletionStage<List<UUID>> reply) {}

    private BusScripts.Publication publication(TaskEnvelope task, Instant now, long due) {
        byte[] envelope = codec.encode(task);
        return new BusScripts.Publication(
                envelope,
                task.taskId(),
                task.priority(),
                due,
                task.idempotencyKey(),
                codec.streamFields(TaskEvent.of(EventType.TASK_CREATED, task, now), envelope),
                due == 0 ? codec.streamFields(TaskEvent.of(EventType.TASK_QUEUED, task, now), null) : Map.of());
    }

    /**
     * Withdraws a task {@linkplain #schedule scheduled} for {@code at} before it is due: it leaves {@code delayed} and
     * is journalled CANCELLED now, in one script. Use it where the task has become pointless (a deadline whose work
     * ended), so that it does not wait as PENDING until its time.
     *
     * @param task the scheduled task, or one with its id, type and session (the event is built from it)
     * @param at the due time it was scheduled for
     * @return whether it was withdrawn; false when it was no longer waiting: due and queued, run, or withdrawn before.
     *     Then {@link #cancel} still stops it if it has not run.
     */
    public boolean unschedule(TaskEnvelope task, Instant at) {
        return scripts.unschedule(
                task.queue(),
                task.taskId(),
                at,
                codec.streamFields(TaskEvent.of(EventType.TASK_CANCELLED, task, clock.instant()), null));
    }

    /**
     * Asks that a task not run: a worker drops it when it would claim it or promote it from {@code delayed}, and a
     * running handler learns of it through {@link com.split.tasks.bus.worker.TaskContext#isCancelled()}. The request
     * is durable in {@code split:{Q}:cancelled} until {@code ttl} passes.
     */
    public void cancel(QueueName queue, UUID taskId, Duration ttl) {
        scripts.requestCancel(queue, taskId, clock.instant().plus(ttl));
    }

    private boolean waitsForReplicas() {
        return replicaWait.replicas() > 0 && !redis.isCluster();
    }

    /** WAIT counts the writes of its own connection and blocks it, so a publisher that waits has a connection of its own. */
    private RedisClusterAsyncCommands<String, byte[]> publishCommands() {
        if (!waitsForReplicas()) {
            return redis.commands();
        }
        synchronized (this) {
            if (waitingConnection == null) {
                waitingConnection = redis.openBlocking();
            }
            return waitingConnection.commands();
        }
    }

    private void waitForReplicas() {
        if (!waitsForReplicas()) {
            return;
        }
        var commands = (RedisAsyncCommands<String, byte[]>) publishCommands();
        long acknowledged = redis.await(commands.waitForReplication(
                replicaWait.replicas(), replicaWait.timeout().toMillis()));
        if (acknowledged < replicaWait.replicas()) {
            log.warn(
                    "Published, but only {} of {} replicas confirmed within {}",
                    acknowledged,
                    replicaWait.replicas(),
                    replicaWait.timeout());
        }
    }
}
