package com.split.orchestrator.run;

import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.TaskContext;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * {@code run_deadline}, scheduled by the refresh at start + {@code split.orchestrator.run-timeout}: ends a run that is
 * still going as TIMEOUT (the same end script as a finishing step, so only one of them ends it), cancels its tasks
 * still queued or running, and publishes {@code run_completed} with the reason. A rerun after a crash finishes those
 * effects, because the deadline task owns the run it ended.
 */
@Component
class RunDeadlineHandler implements TaskHandler {

    /** The orchestrator's own task type: a run's deadline, on its own queue. */
    static final TaskType RUN_DEADLINE = new TaskType("run_deadline", QueueName.ORCHESTRATOR_TASKS, RunDriver.MODULE);

    private static final Logger log = LoggerFactory.getLogger(RunDeadlineHandler.class);

    private final RunStore store;
    private final RunDriver driver;
    private final OrchestratorProperties properties;
    private final Clock clock;

    RunDeadlineHandler(RunStore store, RunDriver driver, OrchestratorProperties properties, Clock clock) {
        this.store = store;
        this.driver = driver;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public TaskType type() {
        return RUN_DEADLINE;
    }

    @Override
    public TaskOutcome handle(TaskEnvelope task, TaskContext context) {
        String sessionId = task.sessionId();
        RunState run = store.read(sessionId, false).orElse(null);
        if (run == null || !run.deadlineTaskId().equals(task.taskId())) {
            log.info("Deadline {} ignored: run {} is unknown or has another deadline", task.taskId(), sessionId);
            return TaskOutcome.noData("not the deadline of a known run");
        }
        boolean ours = run.ownedBy(task.taskId()); // a rerun: this deadline ended the run, its effects may be owed
        if (!run.ended()) {
            Transition.End timeout = new Transition.End(
                    RunStatus.TIMEOUT,
                    "the run did not finish within %s; it was in step %s"
                            .formatted(
                                    readable(properties.runTimeout()),
                                    run.step().wireName()),
                    StepState.FAILED);
            Instant now = clock.instant();
            if (store.end(sessionId, task.taskId(), true, timeout, now, properties.retention())) {
                driver.ended(run, timeout, now);
                ours = true;
            }
        }
        if (!ours) {
            log.info("Deadline {} of run {} came after the run ended", task.taskId(), sessionId);
            return TaskOutcome.noData("the run had ended");
        }
        driver.drive(sessionId, task.taskId(), context.workerId());
        return TaskOutcome.success(Map.of("status", RunStatus.TIMEOUT.name()));
    }

    /** {@code 10m}, {@code 2s}, {@code 1500ms}: in the largest unit that divides it, as it would be configured. */
    static String readable(Duration duration) {
        for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)) {
            if (duration.toMillis() % unit.getDuration().toMillis() == 0) {
                return DurationStyle.SIMPLE.print(duration, unit);
            }
        }
        return DurationStyle.SIMPLE.print(duration);
    }
}
