package com.split.orchestrator.run;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.PermanentTaskFailure;
import com.split.tasks.bus.worker.TaskContext;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code task_finished}: the join of a step. Records the child's ending and, when that completes the step, advances
 * the run: begins the next step, or ends the run.
 *
 * <h2>Why a step advances exactly once, and never not at all</h2>
 *
 * <ol>
 *   <li><b>One counter, one winner.</b> {@code run-record-3.lua} records the ending with {@code HSETNX} on the run's
 *       endings hash, keyed by the child's task id, and counts it only when that set the field: a duplicate notice (a
 *       worker that crashed between sending the notice and settling the task) or the second run of a child after a
 *       lost lease counts nothing. The script that brings the count to the step's expected number also switches the
 *       phase from running to advancing and records its notice as the run's owner. All of this is one script on one
 *       slot, so of any number of notices racing for a step exactly one is told {@code completed}; those after it
 *       find the phase advancing, or the step gone by, and are told {@code stale}.
 *   <li><b>Only the owner moves the run.</b> {@code run-advance-2.lua} (begin the next step, drawing its children's
 *       task ids once and storing them) and {@code run-end-3.lua} apply only while the run is running, advancing from
 *       that step and owned by the caller. The deadline ends a run through the same end script, guarded only by
 *       "running": whichever comes first ends it, and the other finds it ended.
 *   <li><b>Effects after the change, idempotent, and owed until settled.</b> After its change the owner publishes the
 *       step's children with their stored ids and the idempotency keys {@code <session>:<step>:<chunk>:<type>} (the
 *       publish script's {@code SET NX} makes a second publish a no-op), and its progress messages, then clears
 *       {@code pending} ({@code run-settle-1.lua}, only if it still owns the run). Should it crash anywhere between
 *       the record script and that settle, its notice has not been settled on the bus (a worker settles a task after
 *       its handler returned), so the bus runs the same notice, with the same task id, again: after the lease if the
 *       worker died, after a backoff if the handler threw. The record script knows it as the owner and answers
 *       {@code resume} while the run is advancing or pending, and {@link RunDriver#drive} takes up where the state
 *       says: still advancing, it advances; pending, it publishes again (the keys make that harmless) and settles. A
 *       different notice is never the owner and does nothing, so the advance is the work of one notice however many
 *       attempts it takes. A later owner (the notice completing the next step, or the deadline) takes the run over;
 *       the earlier owner's late settle then changes nothing, and its remaining effects are moot, the run having
 *       moved past them.
 *   <li><b>What is left to the deadline.</b> A notice the bus gives up on (a worker lost with it more than its
 *       retries allow) leaves a step incomplete: the run's {@code run_deadline} ends it as TIMEOUT. Every ending of a
 *       child has its notice, even a dead letter of the reaper's or a cancellation while queued.
 * </ol>
 *
 * A notice for a run that is unknown, or ended, is acknowledged and ignored.
 */
@Component
class TaskFinishedHandler implements TaskHandler {

    private static final Logger log = LoggerFactory.getLogger(TaskFinishedHandler.class);

    private final RunStore store;
    private final RunDriver driver;

    TaskFinishedHandler(RunStore store, RunDriver driver) {
        this.store = store;
        this.driver = driver;
    }

    @Override
    public TaskType type() {
        return TaskType.TASK_FINISHED;
    }

    @Override
    public TaskOutcome handle(TaskEnvelope notice, TaskContext context) {
        Ending ending;
        try {
            ending = Ending.fromPayload(notice.payload());
        } catch (IllegalArgumentException e) {
            throw new PermanentTaskFailure("not a task_finished payload: " + e.getMessage(), e);
        }
        String sessionId = notice.sessionId();
        RunStore.Recorded recorded = store.record(sessionId, ending.taskId(), notice.taskId(), notice.payload());
        Map<String, String> verdict = new LinkedHashMap<>(); // in the outcome's details, so the journal shows it
        verdict.put("verdict", recorded.verdict().name().toLowerCase(Locale.ROOT));
        if (recorded.step() != null) {
            verdict.put("step", recorded.step().wireName());
        }
        switch (recorded.verdict()) {
            case UNKNOWN -> {
                log.info(
                        "Notice of task {} ignored: run {} is unknown or has no such task", ending.taskId(), sessionId);
                return TaskOutcome.noData("unknown run or task", verdict);
            }
            case ENDED -> {
                log.info("Notice of task {} ignored: run {} has ended", ending.taskId(), sessionId);
                return TaskOutcome.noData("run ended", verdict);
            }
            case STALE -> {
                log.warn(
                        "Duplicate notice of task {} ({}) for run {} ignored: its ending was counted already",
                        ending.taskId(),
                        ending.status(),
                        sessionId);
                return TaskOutcome.noData("ending counted already", verdict);
            }
            case RECORDED -> {
                warnIfFailed(sessionId, ending);
                driver.progress(sessionId, recorded.step(), context.workerId());
            }
            case COMPLETED -> {
                warnIfFailed(sessionId, ending);
                driver.drive(sessionId, notice.taskId(), context.workerId());
            }
            case RESUME -> {
                log.info(
                        "Run {}: notice {} finishes the advance an earlier attempt of it began",
                        sessionId,
                        notice.taskId());
                driver.drive(sessionId, notice.taskId(), context.workerId());
            }
        }
        return TaskOutcome.success(verdict);
    }

    private static void warnIfFailed(String sessionId, Ending ending) {
        if (!ending.succeeded()) {
            log.warn(
                    "Run {}: task {} ({}) ended {}: {}",
                    sessionId,
                    ending.taskId(),
                    ending.taskType(),
                    ending.status(),
                    ending.reason());
        }
    }
}
