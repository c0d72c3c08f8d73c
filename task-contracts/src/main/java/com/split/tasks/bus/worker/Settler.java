package com.split.tasks.bus.worker;

import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.BusScript;
import com.split.tasks.bus.ScriptArgs;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the tasks of one queue worker in batches: whatever finished while the previous batch was on the wire goes
 * in the next {@code finish} script call (group commit). Under load many tasks share a round trip; an idle worker
 * still settles a lone task at once. Each settlement stays atomic and fenced inside the script.
 *
 * <p>A batch that fails (Redis down) is sent again until it succeeds: the script is safe to repeat, because a task
 * already settled is no longer in the processing list and the LREM fence skips it.
 */
final class Settler {

    /** Operations per script call: enough to amortize a round trip, few enough to keep one call short. */
    private static final int MAX_BATCH = 256;

    private static final Logger log = LoggerFactory.getLogger(Settler.class);

    private final BusRedis redis;
    private final String[] keys;
    private final LinkedBlockingQueue<Op> pending = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile boolean stopped;
    private volatile long giveUpAtNanos = Long.MAX_VALUE;

    /** One settlement or event; {@code kind} is the script's op code (E, A, R, D). */
    record Op(
            String kind,
            byte[] envelope,
            byte[] target,
            long score,
            Map<String, String> event,
            CompletableFuture<Boolean> applied) {

        static Op event(Map<String, String> event) {
            return new Op("E", new byte[0], new byte[0], 0, event, new CompletableFuture<>());
        }
    }

    Settler(BusRedis redis, String processingKey, String eventsKey, String delayedKey, String deadKey, String name) {
        this.redis = redis;
        this.keys = new String[] {processingKey, eventsKey, delayedKey, deadKey};
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Queues an operation; its future completes with whether the worker still held the task. */
    CompletableFuture<Boolean> submit(Op op) {
        pending.add(op);
        if (stopped) {
            failLeftovers(); // the loop is gone: nobody else will complete it
        }
        return op.applied();
    }

    /** Settles what is queued, waiting at most {@code timeout} for Redis, then stops; what is left stays in Redis. */
    void stop(Duration timeout) throws InterruptedException {
        accepting = false;
        giveUpAtNanos = System.nanoTime() + timeout.toNanos();
        thread.join(timeout.plusSeconds(1));
    }

    private void run() {
        List<Op> batch = new ArrayList<>(MAX_BATCH);
        while (accepting || !pending.isEmpty()) {
            try {
                Op first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, MAX_BATCH - 1);
                flush(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        stopped = true;
        failLeftovers();
    }

    private void failLeftovers() {
        Op left;
        while ((left = pending.poll()) != null) {
            left.applied().completeExceptionally(new IllegalStateException("worker stopped before settling"));
        }
    }

    private void flush(List<Op> batch) throws InterruptedException {
        ScriptArgs args = new ScriptArgs();
        for (Op op : batch) {
            args.add(op.kind())
                    .add(op.envelope())
                    .add(op.target())
                    .add(op.score())
                    .addFields(op.event());
        }
        byte[][] argv = args.toArray();
        long backoffMillis = 50;
        while (true) {
            try {
                List<Long> applied =
                        redis.await(BusScript.FINISH.run(redis.commands(), ScriptOutputType.MULTI, keys, argv));
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).applied().complete(applied.get(i) == 1L);
                }
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > giveUpAtNanos) {
                    batch.forEach(op -> op.applied().completeExceptionally(e));
                    return;
                }
                log.warn(
                        "Could not settle {} tasks, trying again in {} ms: {}",
                        batch.size(),
                        backoffMillis,
                        e.toString());
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 2_000);
            }
        }
    }
}
