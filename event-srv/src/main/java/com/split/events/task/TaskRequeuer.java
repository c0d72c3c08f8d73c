package com.split.events.task;

import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.bus.TaskRecovery;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Puts tasks back on the bus for an attempt after every one the journal knows of: the journal orders a task's states
 * by attempt first, so a run that reused an attempt number would not show. Replay, dead-letter requeue and the
 * reconciler all requeue through here.
 */
@Service
public class TaskRequeuer {

    private final JdbcClient jdbc;
    private final TaskRecovery recovery;

    TaskRequeuer(JdbcClient jdbc, TaskRecovery recovery) {
        this.jdbc = jdbc;
        this.recovery = recovery;
    }

    /**
     * A task to requeue.
     *
     * @param task its envelope as last known (journal or dead letter)
     * @param deadLetter the dead-letter record to remove with it, or null
     */
    public record Candidate(TaskEnvelope task, String reason, byte @Nullable [] deadLetter) {

        public Candidate(TaskEnvelope task, String reason) {
            this(task, reason, null);
        }
    }

    /**
     * What became of a candidate.
     *
     * @param attempt the attempt it was requeued for
     * @param requeued false if its dead letter was gone: requeued by someone else first
     */
    public record Outcome(UUID taskId, int attempt, boolean requeued) {}

    /** @return the outcome of each candidate, in order */
    public List<Outcome> requeue(QueueName queue, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<UUID, Integer> journalled = highestAttempts(candidates);
        List<TaskRecovery.Requeue> requeues = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            TaskEnvelope task = candidate.task();
            int last = Math.max(task.attempt(), journalled.getOrDefault(task.taskId(), 0));
            requeues.add(
                    new TaskRecovery.Requeue(task.withAttempt(last + 1), candidate.reason(), candidate.deadLetter()));
        }
        List<Boolean> requeued = recovery.requeue(queue, requeues);
        List<Outcome> outcomes = new ArrayList<>(requeues.size());
        for (int i = 0; i < requeues.size(); i++) {
            TaskEnvelope next = requeues.get(i).next();
            outcomes.add(new Outcome(next.taskId(), next.attempt(), requeued.get(i)));
        }
        return outcomes;
    }

    private Map<UUID, Integer> highestAttempts(List<Candidate> candidates) {
        Map<UUID, Integer> attempts = new HashMap<>();
        for (int from = 0; from < candidates.size(); from += 1000) {
            List<String> ids = candidates.subList(from, Math.min(candidates.size(), from + 1000)).stream()
                    .map(candidate -> candidate.task().taskId().toString())
                    .toList();
            jdbc.sql("SELECT task_id, attempts FROM tasks WHERE task_id IN (:ids)")
                    .param("ids", ids)
                    .query((ResultSet row) -> {
                        attempts.put(UUID.fromString(row.getString("task_id")), row.getInt("attempts"));
                    });
        }
        return attempts;
    }
}
