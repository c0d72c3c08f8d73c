package com.split.orchestrator.run;

import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskPriority;
import com.split.tasks.TaskType;
import com.split.tasks.bus.TaskPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves a run on and carries out what each move implies. Every change of the run state is one script of {@link
 * RunStore} that names its <em>owner</em>, the bus task whose handler made it, and leaves the run <em>pending</em>
 * until that owner has had the change's effects: the tasks and messages it publishes. The effects follow from the
 * state alone and are idempotent (the children and the deadline keep the ids drawn when their step began, and publish
 * with deterministic idempotency keys), so the owner's task, when the bus runs it again after a crash or a failed
 * attempt, finds the run still pending and has them again: nothing is lost, nothing is published twice. See {@link
 * TaskFinishedHandler} for the whole argument. Stateless: any instance can drive any run.
 */
@Component
class RunDriver {

    /** The module named as the initiator of everything a run publishes. */
    static final String MODULE = TaskType.REFRESH.targetModule();

    private static final Logger log = LoggerFactory.getLogger(RunDriver.class);

    private final RunStore store;
    private final RunPlanner planner;
    private final RunMessages messages;
    private final TaskPublisher publisher;
    private final OrchestratorProperties properties;
    private final Clock clock;
    private final RunMetrics metrics;

    RunDriver(
            RunStore store,
            RunPlanner planner,
            RunMessages messages,
            TaskPublisher publisher,
            OrchestratorProperties properties,
            Clock clock,
            RunMetrics metrics) {
        this.store = store;
        this.planner = planner;
        this.messages = messages;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Finishes what task {@code me} owns in the run, if anything: the advance of a complete step (begin the next step
     * or end the run), then the effects of that transition, then marks them done. Does nothing once another task owns
     * the run, whose own handler carries on from there.
     *
     * @param workerId the instance publishing, named in the envelopes' initiator
     */
    void drive(String sessionId, UUID me, String workerId) {
        RunState run = store.read(sessionId, false).orElse(null);
        if (run == null || !run.ownedBy(me)) {
            return;
        }
        if (!run.ended() && run.phase() == RunState.Phase.ADVANCING) {
            transition(run, me);
            run = store.read(sessionId, false).orElse(null);
            if (run == null || !run.ownedBy(me) || (!run.ended() && run.phase() == RunState.Phase.ADVANCING)) {
                return;
            }
        }
        if (!run.pending()) {
            return;
        }
        if (run.ended()) {
            announceEnd(run, workerId);
        } else {
            beginStep(run, workerId);
        }
        store.settle(sessionId, me);
    }

    /** Publishes a {@code run_progress} of {@code step} as the run stands now, with the next sequence number. */
    void progress(String sessionId, Step step, String workerId) {
        store.read(sessionId, true)
                .filter(run -> run.steps().containsKey(step))
                .ifPresent(run -> publisher.publish(message(TaskType.RUN_PROGRESS, run, workerId)
                        .payload(messages.progress(run, step))
                        .build()));
    }

    /** The metrics and the log line of a run that {@code end} ended. */
    void ended(RunState run, Transition.End end, Instant at) {
        RunState.StepProgress step = run.steps().get(run.step());
        if (step != null) {
            metrics.stepEnded(run.step(), end.stepState(), Duration.between(step.startedAt(), at));
        }
        metrics.runEnded(end.status(), Duration.between(run.startedAt(), at));
        if (end.status() == RunStatus.SUCCESS) {
            log.info("Run {} ended SUCCESS after {}", run.sessionId(), Duration.between(run.startedAt(), at));
        } else {
            log.warn(
                    "Run {} ended {} in step {}: {}",
                    run.sessionId(),
                    end.status(),
                    run.step().wireName(),
                    end.reason());
        }
    }

    private void transition(RunState run, UUID me) {
        Instant now = clock.instant();
        switch (planner.next(run)) {
            case Transition.Advance advance -> {
                if (store.advance(run.sessionId(), me, run.step(), advance, now)) {
                    metrics.stepEnded(
                            run.step(),
                            StepState.DONE,
                            Duration.between(run.steps().get(run.step()).startedAt(), now));
                    log.info(
                            "Run {}: step {} done, step {} begins with {} tickers{}",
                            run.sessionId(),
                            run.step().wireName(),
                            advance.next().wireName(),
                            advance.children().getFirst().tickers().size(),
                            run.step() == Step.FETCH ? droppedNote(run) : "");
                }
            }
            case Transition.End end -> {
                if (store.end(run.sessionId(), me, false, end, now, properties.retention())) {
                    ended(run, end, now);
                }
            }
        }
    }

    private static String droppedNote(RunState run) {
        var dropped = RunMessages.droppedTickers(run);
        return dropped.isEmpty() ? "" : " (dropped: %s)".formatted(dropped);
    }

    /** A step began: the deadline (with the first step), the progress messages, then the step's children. */
    private void beginStep(RunState run, String workerId) {
        Step previous = run.step().previous();
        if (previous == null) {
            publisher.schedule(deadline(run, workerId), run.deadlineAt());
        } else {
            progress(run.sessionId(), previous, workerId);
        }
        // Before the children: no message about one of them ending can then carry a lower sequence than this one.
        progress(run.sessionId(), run.step(), workerId);
        List<ChildSpec> children = run.children(run.step());
        List<UUID> standing = publisher.publishAll(
                children.stream().map(child -> child(run, child, workerId)).toList());
        for (int i = 0; i < children.size(); i++) {
            if (!standing.get(i).equals(children.get(i).taskId())) {
                // Only if a session id is used again within the dedupe TTL: the earlier task stands, this one never
                // runs.
                log.warn(
                        "Run {}: idempotency key {} stands for task {}, so task {} was not published",
                        run.sessionId(),
                        children.get(i).idempotencyKey(run.sessionId()),
                        standing.get(i),
                        children.get(i).taskId());
            }
        }
    }

    /** The run ended: its unfinished tasks are cancelled, then portfolio-mngr is told. */
    private void announceEnd(RunState run, String workerId) {
        for (ChildSpec child : run.children()) {
            if (!run.endings().containsKey(child.taskId())) {
                publisher.cancel(child.type().queue(), child.taskId(), properties.cancelTtl());
            }
        }
        // A timeout is that task running: it must not cancel itself. Otherwise it is withdrawn, so that the session's
        // journal does not hold it as PENDING until its time; if it is already due, a cancel stops it.
        if (run.status() != RunStatus.TIMEOUT && !publisher.unschedule(deadline(run, workerId), run.deadlineAt())) {
            Duration untilDue = Duration.between(clock.instant(), run.deadlineAt());
            publisher.cancel(
                    QueueName.ORCHESTRATOR_TASKS,
                    run.deadlineTaskId(),
                    properties.cancelTtl().plus(untilDue.isNegative() ? Duration.ZERO : untilDue));
        }
        progress(run.sessionId(), run.step(), workerId);
        publisher.publish(message(TaskType.RUN_COMPLETED, run, workerId)
                .payload(messages.completed(run))
                .idempotencyKey(run.sessionId() + ":" + TaskType.RUN_COMPLETED.name())
                .build());
    }

    private TaskEnvelope child(RunState run, ChildSpec child, String workerId) {
        return TaskEnvelope.builder(child.type())
                .taskId(child.taskId())
                .initiator(MODULE, workerId)
                .userId(run.userId())
                .sessionId(run.sessionId())
                .parentTaskId(run.refreshTaskId())
                .priority(run.priority())
                .tickers(child.tickers())
                .replyTo(QueueName.ORCHESTRATOR_TASKS)
                .maxRetries(properties.child().maxRetries())
                .timeout(properties.child().timeout())
                .idempotencyKey(child.idempotencyKey(run.sessionId()))
                .build();
    }

    private TaskEnvelope deadline(RunState run, String workerId) {
        return message(RunDeadlineHandler.RUN_DEADLINE, run, workerId)
                .taskId(run.deadlineTaskId())
                .idempotencyKey(run.sessionId() + ":" + RunDeadlineHandler.RUN_DEADLINE.name())
                .build();
    }

    /** A message of the run's own: high, so that it overtakes the waiting work of every run. */
    private static TaskEnvelope.Builder message(TaskType type, RunState run, String workerId) {
        return TaskEnvelope.builder(type)
                .priority(TaskPriority.HIGH)
                .initiator(MODULE, workerId)
                .userId(run.userId())
                .sessionId(run.sessionId())
                .parentTaskId(run.refreshTaskId())
                .tickers(run.tickers());
    }
}
