package com.split.events.queue;

import com.split.events.actions.QueueAction;
import com.split.events.actions.QueueActionJournal;
import com.split.events.journal.EventsProperties;
import com.split.events.task.TaskRequeuer;
import com.split.tasks.QueueName;
import com.split.tasks.TaskPriority;
import com.split.tasks.autoconfigure.TaskBusProperties;
import com.split.tasks.bus.QueueInspector;
import com.split.tasks.bus.QueuePauses;
import com.split.tasks.codec.TaskCodec;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads the queues from Redis and the journal, and requeues their dead letters. */
@Service
class Queues {

    static final String REQUEUE_REASON = "requeued from the dead letters on request";
    static final int MAX_REASON = 500;

    private static final Logger log = LoggerFactory.getLogger(Queues.class);
    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final QueueInspector inspector;
    private final QueuePauses pauses;
    private final TaskRequeuer requeuer;
    private final QueueActionJournal journal;
    private final JdbcClient jdbc;
    private final TaskCodec codec;
    private final EventsProperties events;
    private final Duration lease;

    Queues(
            QueueInspector inspector,
            QueuePauses pauses,
            TaskRequeuer requeuer,
            QueueActionJournal journal,
            JdbcClient jdbc,
            TaskCodec codec,
            EventsProperties events,
            TaskBusProperties bus) {
        this.inspector = inspector;
        this.pauses = pauses;
        this.requeuer = requeuer;
        this.journal = journal;
        this.jdbc = jdbc;
        this.codec = codec;
        this.events = events;
        this.lease = bus.worker().lease();
    }

    List<QueueView> views() {
        Map<String, Long> completed = completedSince(Instant.now().minusSeconds(60));
        List<QueueView> views = new ArrayList<>();
        for (QueueName queue : events.queueNames()) {
            QueueInspector.QueueFigures figures = inspector.figures(queue, lease);
            views.add(new QueueView(
                    queue.value(),
                    figures.ready(),
                    byWireName(figures.readyByPriority()),
                    figures.processing(),
                    figures.delayed(),
                    figures.dead(),
                    figures.workers(),
                    figures.oldestWaiting() == null
                            ? null
                            : figures.oldestWaiting().toMillis(),
                    completed.getOrDefault(queue.value(), 0L),
                    figures.pause()));
        }
        return views;
    }

    private static Map<String, Long> byWireName(Map<TaskPriority, Long> depths) {
        Map<String, Long> named = new LinkedHashMap<>();
        depths.forEach((priority, depth) -> named.put(priority.wireName(), depth));
        return named;
    }

    private Map<String, Long> completedSince(Instant since) {
        Map<String, Long> completed = new HashMap<>();
        jdbc.sql("""
                        SELECT queue, COUNT(*) AS n FROM tasks
                        WHERE status_rank = 5 AND status_at >= :since GROUP BY queue""")
                .param("since", DATETIME_3.format(LocalDateTime.ofInstant(since, ZoneOffset.UTC)))
                .query((ResultSet row) -> {
                    completed.put(row.getString("queue"), row.getLong("n"));
                });
        return completed;
    }

    /** Pauses the queue on every instance; journalled when this call is the one that paused it. */
    PauseAnswer pause(QueueName queue, String actor, @Nullable String reason) {
        QueuePauses.QueuePause pause = new QueuePauses.QueuePause(actor, Instant.now(), reason);
        Optional<QueuePauses.QueuePause> earlier = pauses.pause(queue, pause);
        if (earlier.isEmpty()) {
            journal.record(queue, QueueAction.PAUSED, actor, reason, pause.at());
            log.warn("{} paused {}: {}", actor, queue, reason == null ? "no reason given" : reason);
        }
        return new PauseAnswer(queue.value(), true, earlier.isEmpty(), earlier.orElse(pause));
    }

    /** Resumes the queue; journalled when it was paused. */
    PauseAnswer resume(QueueName queue, String actor) {
        Optional<QueuePauses.QueuePause> ended = pauses.resume(queue);
        ended.ifPresent(pause -> {
            journal.record(queue, QueueAction.RESUMED, actor, null, Instant.now());
            log.warn("{} resumed {}, paused by {} since {}", actor, queue, pause.by(), pause.at());
        });
        return new PauseAnswer(queue.value(), false, ended.isPresent(), ended.orElse(null));
    }

    /** The queue's journalled actions, newest first. */
    List<QueueAction> actions(QueueName queue, int limit) {
        return journal.of(queue, limit);
    }

    DeadLetterPage deadLetters(QueueName queue, int offset, int limit) {
        QueueInspector.DeadLetters page = inspector.deadLetters(queue, offset, limit);
        return new DeadLetterPage(
                queue.value(),
                page.total(),
                offset,
                page.entries().stream()
                        .map(entry -> DeadLetterView.of(entry, codec.mapper()))
                        .toList());
    }

    /**
     * Requeues the dead letters the selection takes, journalled with {@code actor}; a preview only counts them. A task
     * dead-lettered more than once is requeued once, from its newest record.
     */
    RequeueResult requeueDead(QueueName queue, DeadLetterSelection selection, String actor) {
        Predicate<QueueInspector.DeadLetterEntry> selected = selection.matcher();
        List<TaskRequeuer.Candidate> candidates = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        int[] unreadable = {0};
        int[] matched = {0};
        inspector.forEachDeadLetter(queue, entry -> {
            if (!selected.test(entry)) {
                return;
            }
            matched[0]++;
            if (entry.task() == null) {
                unreadable[0]++;
            } else if (seen.add(entry.task().taskId())) {
                candidates.add(new TaskRequeuer.Candidate(entry.task(), REQUEUE_REASON, entry.record()));
            }
        });
        if (selection.isPreview()) {
            return new RequeueResult(List.of(), List.of(), unreadable[0], matched[0]);
        }
        List<String> requeued = new ArrayList<>();
        Set<UUID> done = new HashSet<>();
        for (TaskRequeuer.Outcome outcome : requeuer.requeue(queue, candidates)) {
            if (outcome.requeued()) {
                requeued.add(outcome.taskId().toString());
                done.add(outcome.taskId());
            }
        }
        List<String> notFound = selection.named().stream()
                .filter(id -> !done.contains(id))
                .map(UUID::toString)
                .toList();
        journal.record(
                queue, QueueAction.DEAD_REQUEUED, actor, null, selection.describe(), requeued.size(), Instant.now());
        log.info(
                "{} requeued {} dead letters of {} ({} unreadable left)", actor, requeued.size(), queue, unreadable[0]);
        return new RequeueResult(requeued, notFound, unreadable[0], matched[0]);
    }

    /**
     * Deletes the dead letters the selection takes, journalled with {@code actor}; a preview only counts them. The
     * journal keeps the tasks' histories: they stay FAILURE there.
     */
    DeleteResult deleteDead(QueueName queue, DeadLetterSelection selection, String actor) {
        Predicate<QueueInspector.DeadLetterEntry> selected = selection.matcher();
        List<QueueInspector.DeadLetterEntry> chosen = new ArrayList<>();
        inspector.forEachDeadLetter(queue, entry -> {
            if (selected.test(entry)) {
                chosen.add(entry);
            }
        });
        if (selection.isPreview()) {
            return new DeleteResult(0, chosen.size(), List.of());
        }
        int deleted = 0;
        Set<UUID> done = new HashSet<>();
        for (QueueInspector.DeadLetterEntry entry : chosen) {
            if (inspector.deleteDeadLetter(queue, entry.record())) {
                deleted++;
                if (entry.taskId() != null) {
                    done.add(entry.taskId());
                }
            }
        }
        List<String> notFound = selection.named().stream()
                .filter(id -> !done.contains(id))
                .map(UUID::toString)
                .toList();
        journal.record(queue, QueueAction.DEAD_DELETED, actor, null, selection.describe(), deleted, Instant.now());
        log.warn("{} deleted {} dead letters of {} ({})", actor, deleted, queue, selection.describe());
        return new DeleteResult(deleted, chosen.size(), notFound);
    }
}
