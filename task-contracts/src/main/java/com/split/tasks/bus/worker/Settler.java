package com.split.tasks.bus.worker;

import com.split.tasks.QueueName;
import com.split.tasks.bus.BusScripts;
import com.split.tasks.bus.Settlement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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

    private final BusScripts scripts;
    private final QueueName queue;
    private final String workerId;
    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile boolean stopped;
    private volatile long giveUpAtNanos = Long.MAX_VALUE;

    /** Settlements that go in one batch, in order; the future tells whether the last one was applied. */
    private record Pending(List<Settlement> settlements, CompletableFuture<Boolean> applied) {}

    Settler(BusScripts scripts, QueueName queue, String workerId) {
        this.scripts = scripts;
        this.queue = queue;
        this.workerId = workerId;
        this.thread = Thread.ofPlatform().name("split-settle-" + queue).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues an event or a settlement of a run (none for an envelope that never ran), behind the run's task_started
     * when that has not gone out yet, in the same script call. Taking the started event and queueing happen under the
     * run's lock, here and in {@link #sendStarted}, so it always reaches the stream first. The future completes with
     * whether the worker still held the task.
     */
    CompletableFuture<Boolean> submit(@Nullable RunningTask run, Settlement settlement) {
        if (run == null) {
            return submit(List.of(settlement));
        }
        synchronized (run) {
            Settlement.Event started = run.takeStartedEvent();
            return submit(started == null ? List.of(settlement) : List.of(started, settlement));
        }
    }

    /** Queues the run's task_started if it has not gone out yet. */
    void sendStarted(RunningTask run) {
        synchronized (run) {
            Settlement.Event started = run.takeStartedEvent();
            if (started != null) {
                submit(List.of(started));
            }
        }
    }

    /** Queues settlements that go in one script call, in order; the future tells whether the last was applied. */
    private CompletableFuture<Boolean> submit(List<Settlement> settlements) {
        Pending entry = new Pending(List.copyOf(settlements), new CompletableFuture<>());
        pending.add(entry);
        if (stopped) {
            failLeftovers(); // the loop is gone: nobody else will complete it
        }
        return entry.applied();
    }

    /** Settles what is queued, waiting at most {@code timeout} for Redis, then stops; what is left stays in Redis. */
    void stop(Duration timeout) throws InterruptedException {
        accepting = false;
        giveUpAtNanos = System.nanoTime() + timeout.toNanos();
        thread.join(timeout.plusSeconds(1));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (accepting || !pending.isEmpty()) {
            try {
                Pending first = pending.poll(100, TimeUnit.MILLISECONDS);
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
        Pending left;
        while ((left = pending.poll()) != null) {
            left.applied().completeExceptionally(new IllegalStateException("worker stopped before settling"));
        }
    }

    private void flush(List<Pending> batch) throws InterruptedException {
        List<Settlement> settlements =
                batch.stream().flatMap(entry -> entry.settlements().stream()).toList();
        long backoffMillis = 50;
        while (true) {
            try {
                List<Boolean> applied = scripts.finish(queue, workerId, settlements);
                int last = -1;
                for (Pending entry : batch) {
                    last += entry.settlements().size();
                    entry.applied().complete(applied.get(last));
                }
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > giveUpAtNanos) {
                    batch.forEach(entry -> entry.applied().completeExceptionally(e));
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
