package com.split.tasks.bus;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.codec.TaskCodec;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.output.ArrayOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
    private final Durability durability;
    private BusRedis.@Nullable Connection waitingConnection;
    private boolean serverChecked;

    /** Guards the waiting connection's writes and its waits, below. */
    private final Object waitLock = new Object();
    /** Publishes sent on the waiting connection so far. */
    private long writes;
    /** The WAIT sent last, until it is answered, and how many publishes it covers. */
    private @Nullable CompletableFuture<Void> inFlight;

    private long inFlightCovers;
    /** Answered by the WAIT sent once {@link #inFlight} is: the publishes sent meanwhile wait for it. */
    private @Nullable CompletableFuture<Void> following;

    /**
     * @param durability what each publish waits for before it returns: nothing (the primary has the task), replicas
     *     that have it, or the AOF that holds it on disk
     */
    public TaskPublisher(BusScripts scripts, TaskCodec codec, Clock clock, Duration dedupeTtl, Durability durability) {
        this.scripts = scripts;
        this.redis = scripts.redis();
        this.codec = codec;
        this.clock = clock;
        this.dedupeTtl = dedupeTtl;
        this.durability = durability;
        if (durability.waits() && redis.isCluster()) {
            log.warn("split.bus.publish.wait-for-replicas and wait-for-aof are ignored on Redis Cluster: WAIT and"
                    + " WAITAOF cannot follow a key's slot");
        }
    }

    /**
     * What a publish waits for before it returns, within {@code timeout}: with {@code aof}, {@code WAITAOF 1
     * <replicas>}, the primary's AOF and that many replicas' AOFs fsynced (Redis 7.2 or later, AOF on); without,
     * {@code WAIT <replicas>}, that many replicas holding it; with neither, nothing.
     */
    public record Durability(boolean aof, int replicas, Duration timeout) {
        public static final Durability NONE = new Durability(false, 0, Duration.ZERO);

        public Durability {
            if (replicas < 0) {
                throw new IllegalArgumentException("split.bus.publish.wait-for-replicas must not be negative");
            }
        }

        boolean waits() {
            return aof || replicas > 0;
        }
    }

    /** A publisher like this one that waits for {@code other} instead: one service may publish some tasks durably. */
    public TaskPublisher withDurability(Durability other) {
        return new TaskPublisher(scripts, codec, clock, dedupeTtl, other);
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
        checkServer();
        Instant now = clock.instant();
        long due = at != null && at.isAfter(now) ? at.toEpochMilli() : 0;
        Map<QueueName, List<Integer>> byQueue = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            byQueue.computeIfAbsent(tasks.get(i).queue(), q -> new ArrayList<>())
                    .add(i);
        }
        List<Prepared> prepared = new ArrayList<>();
        byQueue.forEach((queue, indexes) -> {
            for (int from = 0; from < indexes.size(); from += CHUNK) {
                List<Integer> part = indexes.subList(from, Math.min(indexes.size(), from + CHUNK));
                List<BusScripts.Publication> publications = new ArrayList<>(part.size());
                for (int index : part) {
                    publications.add(publication(tasks.get(index), now, due));
                }
                prepared.add(new Prepared(queue, part, publications));
            }
        });
        List<Chunk> chunks;
        long written = 0;
        if (waits()) {
            // numbered as they are sent, so that it is known which WAIT covers them
            synchronized (waitLock) {
                chunks = dispatch(prepared);
                written = ++writes;
            }
        } else {
            chunks = dispatch(prepared);
        }
        UUID[] ids = new UUID[tasks.size()];
        for (Chunk chunk : chunks) {
            List<UUID> standing = redis.await(chunk.reply());
            for (int i = 0; i < standing.size(); i++) {
                ids[chunk.indexes().get(i)] = standing.get(i);
            }
        }
        if (waits()) {
            awaitDurable(written);
        }
        return List.of(ids);
    }

    private record Prepared(QueueName queue, List<Integer> indexes, List<BusScripts.Publication> publications) {}

    private record Chunk(List<Integer> indexes, CompletionStage<List<UUID>> reply) {}

    private List<Chunk> dispatch(List<Prepared> prepared) {
        List<Chunk> chunks = new ArrayList<>(prepared.size());
        for (Prepared chunk : prepared) {
            chunks.add(new Chunk(
                    chunk.indexes(),
                    scripts.publish(publishCommands(), chunk.queue(), chunk.publications(), dedupeTtl)));
        }
        return chunks;
    }

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

    private boolean waits() {
        return durability.waits() && !redis.isCluster();
    }

    /** WAIT and WAITAOF count the writes of their own connection and block it: a publisher that waits has its own. */
    private RedisClusterAsyncCommands<String, byte[]> publishCommands() {
        if (!waits()) {
            return redis.commands();
        }
        synchronized (this) {
            if (waitingConnection == null) {
                waitingConnection = redis.openBlocking();
            }
            return waitingConnection.commands();
        }
    }

    /**
     * Before the first publish that waits for the AOF, that the server can: WAITAOF came with Redis 7.2, and needs the
     * AOF on. A server that cannot is refused before any task is published, so none goes out less durably than asked.
     *
     * @throws IllegalStateException naming what is missing
     */
    private void checkServer() {
        if (!durability.aof() || !waits()) {
            return;
        }
        synchronized (this) {
            if (serverChecked) {
                return;
            }
            var commands = (RedisAsyncCommands<String, byte[]>) publishCommands();
            String server = redis.await(commands.info("server"));
            String version = field(server, "redis_version");
            if (!atLeast(version, 7, 2)) {
                throw new IllegalStateException(
                        "split.bus.publish.wait-for-aof needs Redis 7.2 or later (WAITAOF); this server is " + version);
            }
            if (!"1".equals(field(redis.await(commands.info("persistence")), "aof_enabled"))) {
                throw new IllegalStateException(
                        "split.bus.publish.wait-for-aof needs the server's AOF on (appendonly yes); it is off");
            }
            serverChecked = true;
        }
    }

    /**
     * Waits until a WAIT (or WAITAOF) sent after write number {@code written} is answered. Publishes wait together: one
     * WAIT is in flight at a time, and it covers every write sent on the connection before it, so the publishes that
     * come meanwhile (queued behind it, since WAIT blocks the connection) are all covered by the next one. A durable
     * publisher thus waits one replication or fsync round per batch of publishes, not per publish.
     */
    private void awaitDurable(long written) {
        CompletableFuture<Void> acknowledged;
        synchronized (waitLock) {
            if (inFlight == null) {
                acknowledged = startWait();
            } else if (inFlightCovers >= written) {
                acknowledged = inFlight;
            } else {
                if (following == null) {
                    following = new CompletableFuture<>();
                }
                acknowledged = following;
            }
        }
        // the one in flight, then ours: two waits, each as long as its timeout at most. A copy: a wait given up on is
        // cancelled, and others wait for the same one.
        BusRedis.await(acknowledged.copy(), durability.timeout().multipliedBy(2).plus(redis.commandTimeout()));
    }

    /** Sends a WAIT covering every write sent so far; once answered, the next one if publishes wait for it. */
    private CompletableFuture<Void> startWait() {
        inFlightCovers = writes;
        CompletableFuture<Void> wait = sendWait();
        inFlight = wait;
        wait.whenComplete((ignored, failure) -> {
            CompletableFuture<Void> waiting;
            synchronized (waitLock) {
                inFlight = null;
                waiting = following;
                following = null;
                if (waiting != null) {
                    startWait().whenComplete((done, error) -> {
                        if (error != null) {
                            waiting.completeExceptionally(error);
                        } else {
                            waiting.complete(null);
                        }
                    });
                }
            }
        });
        return wait;
    }

    private CompletableFuture<Void> sendWait() {
        var commands = (RedisAsyncCommands<String, byte[]>) publishCommands();
        long timeout = durability.timeout().toMillis();
        if (durability.aof()) {
            return commands.dispatch(
                            Wait.WAITAOF,
                            new ArrayOutput<>(BusRedis.CODEC),
                            new CommandArgs<>(BusRedis.CODEC)
                                    .add(1)
                                    .add(durability.replicas())
                                    .add(timeout))
                    .thenAccept(acknowledged -> {
                        long local = (Long) acknowledged.get(0);
                        long replicas = (Long) acknowledged.get(1);
                        if (local < 1 || replicas < durability.replicas()) {
                            log.warn(
                                    "Published, but within {} the AOF of {} of 1 primary and {} of {} replicas"
                                            + " confirmed it",
                                    durability.timeout(),
                                    local,
                                    replicas,
                                    durability.replicas());
                        }
                    })
                    .toCompletableFuture();
        }
        return commands.waitForReplication(durability.replicas(), timeout)
                .thenAccept(acknowledged -> {
                    if (acknowledged < durability.replicas()) {
                        log.warn(
                                "Published, but only {} of {} replicas confirmed within {}",
                                acknowledged,
                                durability.replicas(),
                                durability.timeout());
                    }
                })
                .toCompletableFuture();
    }

    /** WAITAOF, which Lettuce has no method for. */
    private enum Wait implements ProtocolKeyword {
        WAITAOF;

        private final byte[] bytes = name().getBytes(StandardCharsets.US_ASCII);

        @Override
        public byte[] getBytes() {
            return bytes;
        }
    }

    private static @Nullable String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return null;
    }

    /** Whether a {@code major.minor.patch} version is at least {@code major.minor}. */
    static boolean atLeast(@Nullable String version, int major, int minor) {
        if (version == null) {
            return false;
        }
        String[] parts = version.split("\\.");
        try {
            int actualMajor = Integer.parseInt(parts[0]);
            int actualMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return actualMajor > major || (actualMajor == major && actualMinor >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
