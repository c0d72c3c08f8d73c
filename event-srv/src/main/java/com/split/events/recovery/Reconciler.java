package com.split.events.recovery;

import com.split.events.journal.EventsProperties;
import com.split.events.journal.KeptEnvelope;
import com.split.events.recovery.RecoveryRepository.JournalState;
import com.split.events.task.TaskRequeuer;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.autoconfigure.TaskBusProperties;
import com.split.tasks.bus.QueueInspector;
import com.split.tasks.bus.TaskRecovery;
import com.split.tasks.codec.TaskCodec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Compares the journal with Redis and repairs each gap.
 *
 * <ul>
 *   <li>A worker silent past the lease still holding tasks: its tasks are taken back, as its peers' reaper would (a
 *       queue whose workers all died has no reaper).
 *   <li>A task QUEUED, RETRY, RECEIVED or PROCESSING in the journal for longer than the grace period, but on none of
 *       the queue's lists (lost to a Redis crash or failover): requeued from the journal's envelope.
 * </ul>
 *
 * Absence is judged carefully: Redis is read first, then the journal is let catch up with the events stream up to that
 * moment, then the journal is read again. Every move on the bus appends an event in the same script, so a task that
 * moved while Redis was read shows a newer state and is left alone. Each repair journals a {@code task_retried} with
 * its reason. Runs are serialized in this instance; several instances may repair the same task twice, which the bus's
 * at-least-once contract allows.
 */
@Service
@EnableConfigurationProperties(RecoveryProperties.class)
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final RecoveryRepository journal;
    private final JournalProgress progress;
    private final QueueInspector inspector;
    private final TaskRecovery recovery;
    private final TaskRequeuer requeuer;
    private final TaskCodec codec;
    private final List<QueueName> queues;
    private final Duration lease;
    private final RedisReachability redis;
    private final RecoveryProperties properties;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    Reconciler(
            RecoveryRepository journal,
            JournalProgress progress,
            QueueInspector inspector,
            TaskRecovery recovery,
            TaskRequeuer requeuer,
            TaskCodec codec,
            EventsProperties events,
            TaskBusProperties bus,
            RedisReachability redis,
            RecoveryProperties properties,
            MeterRegistry meters) {
        this.journal = journal;
        this.progress = progress;
        this.inspector = inspector;
        this.recovery = recovery;
        this.requeuer = requeuer;
        this.codec = codec;
        this.queues = events.queueNames();
        this.lease = bus.worker().lease();
        this.redis = redis;
        this.properties = properties;
        this.meters = meters;
    }

    /** What a reconcile would repair now, and each queue's accounting. Changes nothing. */
    public synchronized StuckReport stuck() {
        List<StuckTask> stuck = new ArrayList<>();
        List<Conservation> conservation = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (QueueName queue : queues) {
            conservation.add(conservation(queue));
            Scan scan = scan(queue);
            stuck.addAll(scan.heldByDeadWorkers());
            scan.lost().forEach(lost -> stuck.add(lost.stuck()));
            warnings.addAll(scan.warnings());
            stuckGauge(queue).set(scan.heldByDeadWorkers().size() + scan.lost().size());
        }
        return new StuckReport(stuck, conservation, warnings);
    }

    /** Repairs what {@link #stuck()} would list. */
    public synchronized ReconcileReport reconcile() {
        List<StuckTask> repaired = new ArrayList<>();
        List<Conservation> conservation = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (QueueName queue : queues) {
            conservation.add(conservation(queue));
            Scan scan = scan(queue);
            warnings.addAll(scan.warnings());
            if (!scan.heldByDeadWorkers().isEmpty() && !redis.mayReap()) {
                warnings.add(
                        "%d tasks of %s held by silent workers are left to a later run: Redis has not answered for a whole lease since it was last unreachable, so their silence may be the outage's"
                                .formatted(scan.heldByDeadWorkers().size(), queue));
            } else if (!scan.heldByDeadWorkers().isEmpty()) {
                recovery.reapDeadWorkers(queue, lease, null)
                        .forEach((worker, moved) ->
                                log.warn("Took back {} tasks of {} from dead worker {}", moved, queue, worker));
                repaired.addAll(scan.heldByDeadWorkers());
            }
            List<TaskRequeuer.Candidate> candidates = new ArrayList<>();
            int unrepairable = 0;
            for (Lost lost : scan.lost()) {
                TaskEnvelope envelope = KeptEnvelope.decode(codec, lost.state().envelope());
                if (envelope == null) {
                    unrepairable++;
                    warnings.add("task %s of %s cannot be requeued: the journal has no valid envelope for it"
                            .formatted(lost.stuck().taskId(), queue));
                } else {
                    candidates.add(
                            new TaskRequeuer.Candidate(envelope, lost.stuck().reason()));
                    repaired.add(lost.stuck());
                }
            }
            if (!candidates.isEmpty()) {
                requeuer.requeue(queue, candidates);
                log.warn("Requeued {} tasks of {} that Redis lost", candidates.size(), queue);
            }
            stuckGauge(queue).set(unrepairable);
        }
        return new ReconcileReport(repaired, conservation, warnings);
    }

    private record Lost(JournalState state, StuckTask stuck) {}

    private record Scan(List<StuckTask> heldByDeadWorkers, List<Lost> lost, List<String> warnings) {}

    private Scan scan(QueueName queue) {
        List<StuckTask> held = heldByDeadWorkers(queue);
        Instant now = Instant.now();
        List<JournalState> expected = journal.onTheBusSince(queue, now.minus(properties.grace()), properties.limit());
        if (expected.isEmpty()) {
            return new Scan(held, List.of(), List.of());
        }
        Set<UUID> onTheBus = inspector.taskIds(queue);
        Map<UUID, JournalState> absent = new LinkedHashMap<>();
        expected.stream()
                .filter(state -> !onTheBus.contains(state.taskId()))
                .forEach(state -> absent.put(state.taskId(), state));
        if (absent.isEmpty()) {
            return new Scan(held, List.of(), List.of());
        }
        if (!progress.awaitJournalled(queue, progress.lastEntry(queue), properties.journalWait())) {
            return new Scan(
                    held,
                    List.of(),
                    List.of("%s not checked: the journal is more than %s behind its events stream"
                            .formatted(queue, properties.journalWait())));
        }
        Map<UUID, JournalState> rechecked = journal.states(absent.keySet());
        List<Lost> lost = new ArrayList<>();
        absent.forEach((id, before) -> {
            JournalState after = rechecked.get(id);
            if (after != null && after.sameAs(before)) {
                lost.add(new Lost(
                        after,
                        new StuckTask(
                                id.toString(),
                                queue.value(),
                                after.status().name(),
                                after.statusAt(),
                                "%s in the journal since %s but on no list of %s in Redis"
                                        .formatted(after.status(), after.statusAt(), queue))));
            }
        });
        return new Scan(held, lost, List.of());
    }

    private List<StuckTask> heldByDeadWorkers(QueueName queue) {
        long cutoff = inspector.serverMillis() - lease.toMillis();
        List<StuckTask> held = new ArrayList<>();
        inspector.workers(queue).forEach((worker, heartbeat) -> {
            if (heartbeat < cutoff) {
                String reason = "held by worker %s, silent since %s (lease %s)"
                        .formatted(worker, Instant.ofEpochMilli(heartbeat), lease);
                for (UUID id : inspector.heldBy(queue, worker)) {
                    held.add(new StuckTask(id.toString(), queue.value(), null, null, reason));
                }
            }
        });
        return held;
    }

    private Conservation conservation(QueueName queue) {
        RecoveryRepository.Counts counts = journal.counts(queue);
        QueueInspector.QueueFigures figures = inspector.figures(queue, lease);
        Conservation conservation = Conservation.of(
                queue.value(),
                counts.created(),
                counts.terminal(),
                figures.ready(),
                figures.processing(),
                figures.delayed());
        gauge(
                        "split.tasks.conservation.difference",
                        "Tasks created minus finished, waiting, in flight and delayed: 0 when none is lost",
                        queue)
                .set(conservation.difference());
        // Here, not on the workers: a queue whose workers all died has no one else to say so.
        gauge("split.queue.workers", "Workers of a queue whose heartbeat is within the lease, at the last look", queue)
                .set(figures.workers());
        return conservation;
    }

    private AtomicLong stuckGauge(QueueName queue) {
        return gauge("split.tasks.stuck", "Tasks lost by the bus or held by a dead worker, at the last look", queue);
    }

    private AtomicLong gauge(String name, String description, QueueName queue) {
        return gauges.computeIfAbsent(name + '\0' + queue.value(), key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get)
                    .description(description)
                    .tag("queue", queue.value())
                    .register(meters);
            return value;
        });
    }
}
