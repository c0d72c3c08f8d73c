package com.split.events.task;

import com.split.events.actions.QueueAction;
import com.split.events.actions.QueueActionJournal;
import com.split.events.journal.KeptEnvelope;
import com.split.events.task.TaskQueryRepository.TaskHandle;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.bus.QueueInspector;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.codec.TaskCodec;
import com.split.web.ConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/** Cancel and replay: what an operator does to tasks, acting on the bus from what the journal knows. */
@Service
@EnableConfigurationProperties(TaskActionProperties.class)
class TaskActions {

    static final String REPLAY_REASON = "replayed on request";

    private static final Logger log = LoggerFactory.getLogger(TaskActions.class);

    private final TaskQueryRepository tasks;
    private final TaskPublisher publisher;
    private final TaskRequeuer requeuer;
    private final QueueInspector inspector;
    private final TaskCodec codec;
    private final TaskActionProperties properties;
    private final QueueActionJournal journal;

    TaskActions(
            TaskQueryRepository tasks,
            TaskPublisher publisher,
            TaskRequeuer requeuer,
            QueueInspector inspector,
            TaskCodec codec,
            TaskActionProperties properties,
            QueueActionJournal journal) {
        this.tasks = tasks;
        this.publisher = publisher;
        this.requeuer = requeuer;
        this.inspector = inspector;
        this.codec = codec;
        this.properties = properties;
        this.journal = journal;
    }

    /**
     * Asks the bus not to run the task: durable in {@code split:{Q}:cancelled}, it reaches a queued or delayed task
     * before it is claimed and a running one through its context.
     */
    CancelRequested cancel(UUID taskId) {
        TaskHandle task = tasks.handle(taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
        if (task.status() != null && task.status().isTerminal()) {
            throw new ConflictException(
                    "Task already finished",
                    "Task %s ended as %s; replay it to run it again".formatted(taskId, task.status()));
        }
        QueueName queue = queueOf(task);
        publisher.cancel(queue, taskId, properties.cancelTtl());
        log.info("Cancel requested for task {} of {}", taskId, queue);
        return new CancelRequested(
                taskId,
                queue.value(),
                task.status() == null ? null : task.status().name());
    }

    /** Runs a finished task again, from the envelope in the journal, with the same id and a new attempt. */
    Replayed replay(UUID taskId) {
        TaskHandle task = tasks.handle(taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
        if (task.status() == null || !task.status().isTerminal()) {
            throw new ConflictException(
                    "Task not finished",
                    "Task %s is %s; only a finished task can be replayed (cancel it first to stop it)"
                            .formatted(taskId, task.status() == null ? "without a status" : task.status()));
        }
        QueueName queue = queueOf(task);
        TaskEnvelope envelope = envelopeOf(task);
        byte[] deadLetter = deadLetters(queue, Set.of(taskId)).get(taskId);
        TaskRequeuer.Outcome outcome = requeuer.requeue(
                        queue, List.of(new TaskRequeuer.Candidate(envelope, REPLAY_REASON, deadLetter)))
                .getFirst();
        if (!outcome.requeued()) {
            throw new ConflictException(
                    "Replayed already", "Task %s was requeued by another request at the same time".formatted(taskId));
        }
        log.info("Replayed task {} of {} as attempt {}", taskId, queue, outcome.attempt());
        return new Replayed(taskId, queue.value(), outcome.attempt());
    }

    /**
     * Replays the finished tasks the filter matches, newest first, at most {@code limit}, journalled per queue with
     * {@code actor}; or, for a preview, only counts them.
     */
    BulkReplayed replay(TaskFilter filter, int limit, String actor, boolean preview) {
        TaskQueryRepository.SelectedTasks finished = tasks.finished(filter, limit);
        if (preview) {
            return new BulkReplayed(List.of(), 0, finished.matched());
        }
        Map<QueueName, Map<UUID, TaskEnvelope>> byQueue = new LinkedHashMap<>();
        for (TaskHandle task : finished.tasks()) {
            TaskEnvelope envelope = task.queue() == null ? null : KeptEnvelope.decode(codec, task.envelope());
            if (envelope != null) {
                byQueue.computeIfAbsent(task.queue(), q -> new LinkedHashMap<>())
                        .put(task.taskId(), envelope);
            }
        }
        List<String> replayed = new ArrayList<>();
        byQueue.forEach((queue, envelopes) -> {
            Map<UUID, byte[]> dead = deadLetters(queue, envelopes.keySet());
            List<TaskRequeuer.Candidate> candidates = envelopes.values().stream()
                    .map(envelope -> new TaskRequeuer.Candidate(envelope, REPLAY_REASON, dead.get(envelope.taskId())))
                    .toList();
            int before = replayed.size();
            requeuer.requeue(queue, candidates).stream()
                    .filter(TaskRequeuer.Outcome::requeued)
                    .forEach(outcome -> replayed.add(outcome.taskId().toString()));
            journal.record(
                    queue,
                    QueueAction.REPLAYED,
                    actor,
                    null,
                    filter.describe(),
                    replayed.size() - before,
                    Instant.now());
        });
        log.info("{} replayed {} of {} tasks matching {}", actor, replayed.size(), finished.matched(), filter);
        return new BulkReplayed(replayed, finished.matched() - replayed.size(), finished.matched());
    }

    /**
     * Asks the bus not to run the unfinished tasks the filter matches, oldest first, at most {@code limit}, journalled
     * per queue with {@code actor}; or, for a preview, only counts them. A task that ends meanwhile ends as it does.
     */
    BulkCancelled cancel(TaskFilter filter, int limit, String actor, boolean preview) {
        TaskQueryRepository.SelectedTasks unfinished = tasks.unfinished(filter, limit);
        if (preview) {
            return new BulkCancelled(List.of(), unfinished.matched());
        }
        Map<QueueName, List<UUID>> byQueue = new LinkedHashMap<>();
        for (TaskHandle task : unfinished.tasks()) {
            if (task.queue() != null) {
                byQueue.computeIfAbsent(task.queue(), q -> new ArrayList<>()).add(task.taskId());
            }
        }
        List<String> cancelled = new ArrayList<>();
        byQueue.forEach((queue, ids) -> {
            ids.forEach(id -> {
                publisher.cancel(queue, id, properties.cancelTtl());
                cancelled.add(id.toString());
            });
            journal.record(queue, QueueAction.CANCELLED, actor, null, filter.describe(), ids.size(), Instant.now());
        });
        log.info(
                "{} asked to cancel {} of {} unfinished tasks matching {}",
                actor,
                cancelled.size(),
                unfinished.matched(),
                filter);
        return new BulkCancelled(cancelled, unfinished.matched());
    }

    int replayLimit() {
        return properties.replayLimit();
    }

    /** The dead-letter records of these tasks, so that a replay takes them out of the dead-letter list. */
    private Map<UUID, byte[]> deadLetters(QueueName queue, Set<UUID> taskIds) {
        Map<UUID, byte[]> records = new HashMap<>();
        inspector.forEachDeadLetter(queue, entry -> {
            if (entry.taskId() != null && taskIds.contains(entry.taskId())) {
                records.putIfAbsent(entry.taskId(), entry.record());
            }
        });
        return records;
    }

    private static QueueName queueOf(TaskHandle task) {
        if (task.queue() == null) {
            throw new ConflictException(
                    "Task queue unknown", "The journal does not know the queue of task %s".formatted(task.taskId()));
        }
        return task.queue();
    }

    private TaskEnvelope envelopeOf(TaskHandle task) {
        TaskEnvelope envelope = KeptEnvelope.decode(codec, task.envelope());
        if (envelope == null) {
            throw new ConflictException(
                    "No envelope to replay",
                    "The journal has no valid envelope for task %s (its task_created was never journalled)"
                            .formatted(task.taskId()));
        }
        return envelope;
    }
}
