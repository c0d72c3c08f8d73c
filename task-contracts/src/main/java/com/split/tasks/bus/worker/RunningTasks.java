package com.split.tasks.bus.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The tasks one queue's worker runs now, with what may end them early: their deadlines and cancellation requests. */
final class RunningTasks {

    private final Set<RunningTask> running = ConcurrentHashMap.newKeySet();
    private volatile Set<String> cancelled = Set.of();

    void add(RunningTask task) {
        running.add(task);
    }

    void remove(RunningTask task) {
        running.remove(task);
    }

    int size() {
        return running.size();
    }

    boolean isEmpty() {
        return running.isEmpty();
    }

    /**
     * Times out the tasks whose deadline passed: one pass over the set on a short period rather than a timer per task,
     * because a cancelled timer stays in its executor's queue until its delay (60 s by default) ends, and at 10,000
     * tasks/s those dead entries grew the heap by tens of megabytes and slowed every schedule.
     */
    void sweepTimeouts(Instant now) {
        for (RunningTask run : running) {
            if (!run.timedOut() && !now.isBefore(run.deadline())) {
                run.timeOut();
            }
        }
    }

    /** The runs still going {@code grace} after their deadline, their handler deaf to its interrupt. */
    List<RunningTask> pastHardDeadline(Instant now, Duration grace) {
        List<RunningTask> stuck = new ArrayList<>();
        for (RunningTask run : running) {
            if (run.timedOut() && !now.isBefore(run.deadline().plus(grace))) {
                stuck.add(run);
            }
        }
        return stuck;
    }

    /** The runs that started before {@code instant}. */
    List<RunningTask> startedBefore(Instant instant) {
        List<RunningTask> runs = new ArrayList<>();
        for (RunningTask run : running) {
            if (run.started().isBefore(instant)) {
                runs.add(run);
            }
        }
        return runs;
    }

    /** Takes the ids of the cancellation requests in force; running handlers among them are interrupted. */
    void cancellations(Set<String> taskIds) {
        cancelled = Set.copyOf(taskIds);
        for (RunningTask run : running) {
            if (taskIds.contains(run.task().taskId().toString())) {
                run.signalCancel(); // wakes a handler blocked in I/O or sleep; its run ends as CANCELLED
            }
        }
    }

    boolean isCancelled(UUID taskId) {
        return cancelled.contains(taskId.toString());
    }

    /** Interrupts every handler: they outlived the grace period, and their tasks were given back. */
    void abandonAll() {
        running.forEach(RunningTask::abandon);
    }
}
