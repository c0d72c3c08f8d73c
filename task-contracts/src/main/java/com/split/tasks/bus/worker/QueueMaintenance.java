package com.split.tasks.bus.worker;

import com.split.tasks.QueueName;
import com.split.tasks.bus.BusScripts;
import com.split.tasks.bus.QueueInspector;
import com.split.tasks.bus.ReapGate;
import com.split.tasks.bus.TaskRecovery;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic jobs of one queue's worker, each on the container's schedule: renewing the lease, taking back dead
 * workers' tasks, promoting due retries and scheduled tasks, passing cancellation requests to running handlers, and
 * reading the queue's gauges.
 */
final class QueueMaintenance {

    private static final Logger log = LoggerFactory.getLogger(QueueMaintenance.class);

    /** Tasks per promote script call: a long backlog of due tasks never blocks Redis for long. */
    private static final int PROMOTE_BATCH = 100;

    private final QueueContext context;
    private final QueueName queue;
    private final BusScripts scripts;
    private final TaskRecovery recovery;
    private final QueueInspector inspector;
    private final TaskRunner runner;
    private final ReapGate reapGate;

    QueueMaintenance(
            QueueContext context,
            BusScripts scripts,
            TaskRecovery recovery,
            QueueInspector inspector,
            TaskRunner runner) {
        this.context = context;
        this.queue = context.queue();
        this.scripts = scripts;
        this.recovery = recovery;
        this.inspector = inspector;
        this.runner = runner;
        this.reapGate = new ReapGate(context.settings().lease());
    }

    QueueName queue() {
        return queue;
    }

    void heartbeat() {
        try {
            scripts.heartbeat(queue, context.workerId());
        } catch (RuntimeException e) {
            reapGate.failed();
            throw e;
        }
        reapGate.reached();
    }

    /**
     * Takes back the tasks of every other worker of this queue whose heartbeat is older than the lease, once this
     * worker's own heartbeats have gone through for a lease (see {@link ReapGate}).
     */
    void reap() {
        if (!reapGate.isOpen()) {
            return;
        }
        recovery.reapDeadWorkers(queue, context.settings().lease(), context.workerId())
                .forEach((other, moved) -> {
                    if (moved > 0) {
                        log.warn("Took back {} tasks of {} from dead worker {}", moved, queue, other);
                        context.metrics().reaped(queue, moved);
                    }
                });
    }

    void promote() {
        long moved;
        do {
            moved = scripts.promote(queue, context.clock().instant(), PROMOTE_BATCH);
        } while (moved == PROMOTE_BATCH);
    }

    /** Refreshes the cancellation requests that running handlers check through their context. */
    void refreshCancellations() {
        RunningTasks running = runner.running();
        running.cancellations(
                running.isEmpty()
                        ? Set.of()
                        : inspector.cancelRequests(queue, context.clock().instant()));
    }

    /** Reads the queue's depths and the age of its oldest ready task into the gauges. */
    void refreshStats() {
        QueueInspector.QueueFigures figures =
                inspector.figures(queue, context.settings().lease());
        BusMetrics metrics = context.metrics();
        metrics.queueDepth(queue, "ready", figures.ready());
        figures.readyByPriority().forEach((priority, depth) -> metrics.readyDepth(queue, priority, depth));
        metrics.queueDepth(queue, "processing", figures.processing());
        metrics.queueDepth(queue, "delayed", figures.delayed());
        metrics.queueDepth(queue, "dead", figures.dead());
        metrics.oldestAge(
                queue,
                figures.oldestWaiting() == null ? 0 : figures.oldestWaiting().toSeconds());
        metrics.paused(queue, figures.pause() != null);
    }
}
