package com.split.tasks.bus;

import com.split.tasks.QueueName;
import com.split.tasks.TaskIds;
import com.split.tasks.TaskPriority;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Every state change of a task on the bus, one typed method per Lua script in {@code lua/}. This class is the only
 * code that knows a script's {@code KEYS} and {@code ARGV} order; the headers of the scripts document it. Callers
 * decide what to move and which events to write; a method only encodes that for its script, runs it on the queue's
 * slot and decodes the reply. Thread-safe.
 */
public final class BusScripts {

    private static final LuaScript PUBLISH = script("publish-5");
    private static final LuaScript CLAIM = scriptWithOutbox("claim-11");
    private static final LuaScript FINISH = scriptThatSettles("finish-5");
    private static final LuaScript REAP = scriptThatSettles("reap-8");
    private static final LuaScript PROMOTE = scriptWithOutbox("promote-7");
    private static final LuaScript REQUEUE = script("requeue-5");
    private static final LuaScript UNSCHEDULE = scriptWithOutbox("unschedule-3");
    private static final LuaScript HEARTBEAT = script("heartbeat-1");
    private static final LuaScript FIRE = script("fire-3");

    private static final byte[] NONE = new byte[0];

    /** The index in {@code reap-8.lua}'s KEYS of the dead-letter list, after the three ready lists. */
    private static final int DEAD_INDEX = 4;

    private final BusRedis redis;
    private final RedisKeys keys;

    public BusScripts(BusRedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    BusRedis redis() {
        return redis;
    }

    public RedisKeys keys() {
        return keys;
    }

    /**
     * One task to publish.
     *
     * @param priority the ready list it goes onto, now or when due
     * @param dueMillis when a scheduled task becomes ready (epoch ms); 0 puts it on the ready list now
     * @param idempotencyKey the key that keeps a duplicate out, or null
     * @param created the fields of its task_created event
     * @param queued the fields of its task_queued event; empty for a scheduled task
     */
    public record Publication(
            byte[] envelope,
            UUID taskId,
            TaskPriority priority,
            long dueMillis,
            @Nullable String idempotencyKey,
            Map<String, String> created,
            Map<String, String> queued) {}

    /**
     * Publishes tasks of one queue in one script call ({@code publish-5.lua}).
     *
     * @param commands the connection to send it on: the shared one, or a publisher's own when it waits for replicas
     * @return for each task, the id that stands: its own, or that of the task first published with its idempotency key
     */
    CompletionStage<List<UUID>> publish(
            RedisClusterAsyncCommands<String, byte[]> commands,
            QueueName queue,
            List<Publication> tasks,
            Duration dedupeTtl) {
        List<String> scriptKeys = new ArrayList<>(keys.readyLists(queue));
        scriptKeys.add(keys.events(queue));
        scriptKeys.add(keys.delayed(queue));
        ScriptArgs args = new ScriptArgs().add(tasks.size());
        for (Publication task : tasks) {
            int dedupeIndex = 0;
            if (task.idempotencyKey() != null) {
                scriptKeys.add(keys.dedupe(queue, task.idempotencyKey()));
                dedupeIndex = scriptKeys.size();
            }
            args.add(task.envelope())
                    .add(task.taskId().toString())
                    .add(readyIndex(task.priority()))
                    .add(task.dueMillis())
                    .add(dedupeIndex)
                    .add(dedupeTtl.toMillis())
                    .addFields(task.created())
                    .addFields(task.queued());
        }
        return PUBLISH.<List<byte[]>>run(
                        commands, ScriptOutputType.MULTI, scriptKeys.toArray(String[]::new), args.toArray())
                .thenApply(standing ->
                        standing.stream().map(id -> UUID.fromString(text(id))).toList());
    }

    /**
     * What a claim got: the envelopes claimed, in the order taken, or none because the queue is paused or its rate limit
     * allows none yet.
     *
     * @param paused whether the queue was paused, when nothing was claimed for that reason
     * @param rateLimitedFor how long until the rate limit allows a task, when nothing was claimed for that reason
     * @param atCap whether the queue's workers held as many tasks as its cap, when nothing was claimed for that reason
     */
    public record Claim(List<byte[]> envelopes, boolean paused, Duration rateLimitedFor, boolean atCap) {}

    /**
     * Claims up to {@code count} tasks into the worker's processing list with their task_received events, and lists
     * the worker as live if it claimed any ({@code claim-11.lua}); a paused queue gives nothing, a rate-limited one no
     * more than its bucket holds. Tasks come from the highest priority that has some, except that a lower one passed
     * over {@code priorityRatio} times in a row while it had tasks waiting has the next turn. A task dropped for its
     * cancellation request leaves its ending in the outbox when it has a {@code reply_to}.
     *
     * @param limit the queue's rate limit, or null for none
     * @param maxRunning the most tasks the queue's workers may hold together, 0 for no cap
     * @param priorityRatio the most claims in a row that pass over a lower priority with tasks waiting, at least 1
     */
    public Claim claim(
            QueueName queue,
            String workerId,
            int count,
            Instant now,
            int maxEnvelopeBytes,
            @Nullable RateLimit limit,
            int maxRunning,
            int priorityRatio) {
        List<String> scriptKeys = new ArrayList<>(keys.readyLists(queue));
        scriptKeys.addAll(List.of(
                keys.processing(queue, workerId),
                keys.events(queue),
                keys.cancelled(queue),
                keys.workers(queue),
                keys.outbox(queue),
                keys.paused(queue),
                keys.rateLimit(queue),
                keys.passedOver(queue)));
        ScriptArgs args = new ScriptArgs()
                .add(workerId)
                .add(count)
                .add(now.toEpochMilli())
                .add(now.toString())
                .add(maxEnvelopeBytes)
                .add(TaskIds.newIdPrefix())
                .add(limit == null ? 0 : limit.tasks())
                .add(limit == null ? 0 : limit.per().toMillis())
                .add(maxRunning)
                .add(priorityRatio);
        List<Object> answer = redis.await(
                CLAIM.run(redis.commands(), ScriptOutputType.MULTI, scriptKeys.toArray(String[]::new), args.toArray()));
        if (!answer.isEmpty() && answer.getFirst() instanceof Long code) {
            return switch (code.intValue()) {
                case -1 -> new Claim(List.of(), true, Duration.ZERO, false);
                case -2 -> new Claim(List.of(), false, Duration.ofMillis((Long) answer.get(1)), false);
                default -> new Claim(List.of(), false, Duration.ZERO, true);
            };
        }
        return new Claim(answer.stream().map(byte[].class::cast).toList(), false, Duration.ZERO, false);
    }

    /**
     * Applies a worker's settlements in one script call ({@code finish-5.lua}): {@link Settlement.Event},
     * {@link Settlement.Ack}, {@link Settlement.Retry} and {@link Settlement.DeadLetter}; the notice of an ending
     * goes into the outbox under the same fence.
     *
     * @return for each, whether it was applied: false when the worker no longer held the task
     */
    public List<Boolean> finish(QueueName queue, String workerId, List<Settlement> settlements) {
        ScriptArgs args = new ScriptArgs();
        for (Settlement settlement : settlements) {
            switch (settlement) {
                case Settlement.Event event ->
                    args.add("E").add(NONE).add(NONE).add(0).add(NONE);
                case Settlement.Ack ack ->
                    args.add("A").add(ack.envelope()).add(NONE).add(0).add(orNone(ack.notice()));
                case Settlement.Retry retry ->
                    args.add("R")
                            .add(retry.envelope())
                            .add(retry.next())
                            .add(retry.dueMillis())
                            .add(NONE);
                case Settlement.DeadLetter dead ->
                    args.add("D").add(dead.envelope()).add(dead.record()).add(0).add(orNone(dead.notice()));
                case Settlement.Requeue requeue ->
                    throw new IllegalArgumentException("a worker does not requeue its own tasks: " + requeue);
            }
            args.addFields(settlement.event());
        }
        String[] scriptKeys = {
            keys.processing(queue, workerId),
            keys.events(queue),
            keys.delayed(queue),
            keys.dead(queue),
            keys.outbox(queue)
        };
        List<Long> applied =
                redis.await(FINISH.run(redis.commands(), ScriptOutputType.MULTI, scriptKeys, args.toArray()));
        return applied.stream().map(one -> one == 1L).toList();
    }

    /**
     * Takes tasks out of a worker's processing list: each {@link Settlement.Requeue} onto the ready list of its
     * priority, each {@link Settlement.DeadLetter} onto the dead-letter list, its notice into the outbox
     * ({@code reap-8.lua}).
     *
     * @param heartbeatCutoff if the worker beat after this (Redis epoch ms) it is alive and nothing moves; null moves
     *     regardless
     * @param forget whether to drop the worker from the live set once its list is empty
     * @return tasks moved, or -1 if the worker turned out to be alive
     */
    public int reap(
            QueueName queue, String workerId, @Nullable Long heartbeatCutoff, boolean forget, List<Settlement> moves) {
        ScriptArgs args = new ScriptArgs()
                .add(workerId)
                .add(heartbeatCutoff == null ? "+inf" : heartbeatCutoff.toString())
                .add(forget ? "1" : "0");
        for (Settlement move : moves) {
            switch (move) {
                case Settlement.Requeue requeue ->
                    args.add(readyIndex(requeue.priority()))
                            .add(requeue.envelope())
                            .add(requeue.next())
                            .add(NONE);
                case Settlement.DeadLetter dead ->
                    args.add(DEAD_INDEX).add(dead.envelope()).add(dead.record()).add(orNone(dead.notice()));
                default -> throw new IllegalArgumentException("a reaper only requeues or dead-letters: " + move);
            }
            args.addFields(move.event());
        }
        List<String> scriptKeys = new ArrayList<>(keys.readyLists(queue));
        scriptKeys.addAll(List.of(
                keys.dead(queue),
                keys.processing(queue, workerId),
                keys.events(queue),
                keys.workers(queue),
                keys.outbox(queue)));
        Long moved = redis.await(REAP.run(
                redis.commands(), ScriptOutputType.INTEGER, scriptKeys.toArray(String[]::new), args.toArray()));
        return moved.intValue();
    }

    /**
     * Moves up to {@code batch} due tasks from the delayed set to the ready list of each one's priority
     * ({@code promote-7.lua}); a task
     * dropped for its cancellation request leaves its ending in the outbox when it has a {@code reply_to}.
     *
     * @return the number taken from the delayed set
     */
    public long promote(QueueName queue, Instant now, int batch) {
        List<String> scriptKeys = new ArrayList<>(keys.readyLists(queue));
        scriptKeys.addAll(List.of(keys.delayed(queue), keys.events(queue), keys.cancelled(queue), keys.outbox(queue)));
        ScriptArgs args = new ScriptArgs()
                .add(now.toEpochMilli())
                .add(now.toString())
                .add(batch)
                .add(TaskIds.newIdPrefix());
        return redis.<Long>await(PROMOTE.run(
                redis.commands(), ScriptOutputType.INTEGER, scriptKeys.toArray(String[]::new), args.toArray()));
    }

    /**
     * A task put back on the ready list of its priority from outside the workers.
     *
     * @param fence the dead-letter record it must remove to go, or null for none
     * @param retried the fields of its task_retried event
     * @param queued the fields of its task_queued event
     */
    public record Requeued(
            byte @Nullable [] fence,
            byte[] envelope,
            TaskPriority priority,
            Map<String, String> retried,
            Map<String, String> queued) {}

    /**
     * Requeues tasks of one queue in one script call ({@code requeue-5.lua}).
     *
     * @return for each, whether it was requeued: false when its fence was gone
     */
    CompletionStage<List<Boolean>> requeue(QueueName queue, List<Requeued> tasks) {
        ScriptArgs args = new ScriptArgs();
        for (Requeued task : tasks) {
            args.add(task.fence() == null ? NONE : task.fence())
                    .add(readyIndex(task.priority()))
                    .add(task.envelope())
                    .addFields(task.retried())
                    .addFields(task.queued());
        }
        List<String> scriptKeys = new ArrayList<>(keys.readyLists(queue));
        scriptKeys.addAll(List.of(keys.events(queue), keys.dead(queue)));
        return REQUEUE.<List<Long>>run(
                        redis.commands(), ScriptOutputType.MULTI, scriptKeys.toArray(String[]::new), args.toArray())
                .thenApply(applied -> applied.stream().map(one -> one == 1L).toList());
    }

    /**
     * Withdraws a scheduled task that is not due yet, with its task_cancelled event and, when it has a
     * {@code reply_to}, its ending in the outbox ({@code unschedule-3.lua}).
     *
     * @param dueAt the time it was scheduled for
     * @return whether it was withdrawn
     */
    public boolean unschedule(QueueName queue, UUID taskId, Instant dueAt, Map<String, String> cancelled) {
        ScriptArgs args = new ScriptArgs()
                .add(dueAt.toEpochMilli())
                .add("\"task_id\":\"" + taskId + "\"")
                .addFields(cancelled);
        String[] scriptKeys = {keys.delayed(queue), keys.events(queue), keys.outbox(queue)};
        Long withdrawn =
                redis.await(UNSCHEDULE.run(redis.commands(), ScriptOutputType.INTEGER, scriptKeys, args.toArray()));
        return withdrawn == 1L;
    }

    /**
     * One run of a recurring schedule.
     *
     * @param priority the task's priority: the ready list it goes onto
     * @param published true to put the envelope on the ready list; false records the run as skipped
     * @param created the fields of its task_created event
     * @param then the fields of its task_queued event, or of its task_cancelled when skipped
     */
    public record Firing(
            String schedule,
            Instant due,
            UUID taskId,
            TaskPriority priority,
            boolean published,
            Instant recordedAt,
            byte[] envelope,
            Map<String, String> created,
            Map<String, String> then) {}

    /**
     * Publishes or skips a schedule's run due at {@link Firing#due()}, unless that due time or a later one was taken
     * ({@code fire-3.lua}).
     *
     * @return empty when this call took the due time; otherwise the schedule's standing run, as the hash holds it
     */
    public Optional<String> fire(QueueName queue, Firing firing) {
        ScriptArgs args = new ScriptArgs()
                .add(firing.schedule())
                .add(firing.due().toEpochMilli())
                .add(firing.taskId().toString())
                .add(firing.published() ? "P" : "S")
                .add(firing.recordedAt().toEpochMilli())
                .add(firing.envelope())
                .addFields(firing.created())
                .addFields(firing.then());
        String[] scriptKeys = {keys.ready(queue, firing.priority()), keys.events(queue), keys.scheduleRuns(queue)};
        List<Object> answer =
                redis.await(FIRE.run(redis.commands(), ScriptOutputType.MULTI, scriptKeys, args.toArray()));
        return (Long) answer.getFirst() == 1L ? Optional.empty() : Optional.of(text((byte[]) answer.get(1)));
    }

    /**
     * Blocks {@code connection} until the queue's ready list of {@code priority} has an entry or {@code timeout}
     * passes; the reply completes the stage. BLMOVE from the list onto its own tail leaves the list as it was: it only
     * wakes the caller, whose claim then moves tasks together with their events, so no task ever sits in a processing
     * list without its task_received. BLMOVE watches one list, hence a connection per priority.
     */
    public CompletionStage<byte[]> awaitReady(
            BusRedis.Connection connection, QueueName queue, TaskPriority priority, Duration timeout) {
        String ready = keys.ready(queue, priority);
        return connection.commands().blmove(ready, ready, LMoveArgs.Builder.rightRight(), timeout.toMillis() / 1000.0);
    }

    /** Renews a worker's lease on the Redis server's clock ({@code heartbeat-1.lua}); returns the time written. */
    public long heartbeat(QueueName queue, String workerId) {
        String[] scriptKeys = {keys.workers(queue)};
        return redis.<Long>await(HEARTBEAT.run(
                redis.commands(),
                ScriptOutputType.INTEGER,
                scriptKeys,
                new ScriptArgs().add(workerId).toArray()));
    }

    /** Records a cancellation request that lives until {@code expiry}. */
    public void requestCancel(QueueName queue, UUID taskId, Instant expiry) {
        redis.await(
                redis.commands().zadd(keys.cancelled(queue), (double) expiry.toEpochMilli(), bytes(taskId.toString())));
    }

    /** The index in a script's KEYS of the ready list of {@code priority}: the three lead, highest first. */
    private static int readyIndex(TaskPriority priority) {
        return priority.ordinal() + 1;
    }

    private static LuaScript script(String name) {
        return LuaScript.load(BusScripts.class, "lua/" + name + ".lua");
    }

    /** A script that ends tasks outside a worker's run, with the outbox's {@code record_cancelled} function. */
    private static LuaScript scriptWithOutbox(String name) {
        return LuaScript.load(BusScripts.class, "lua/outbox.lua", "lua/" + name + ".lua");
    }

    /** A script that settles a worker's tasks, with {@code settle.lua}'s {@code journal_settlement} function. */
    private static LuaScript scriptThatSettles(String name) {
        return LuaScript.load(BusScripts.class, "lua/settle.lua", "lua/" + name + ".lua");
    }

    private static byte[] orNone(byte @Nullable [] value) {
        return value == null ? NONE : value;
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
