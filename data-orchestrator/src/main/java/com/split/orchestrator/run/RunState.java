package com.split.orchestrator.run;

import com.split.tasks.TaskPriority;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A run's whole state as Redis held it at one instant (see {@link RunStore} for the keys and fields).
 *
 * @param sessionId the run's id, {@code session_id} of every task of it
 * @param userId the owner of the portfolio
 * @param portfolioId the portfolio refreshed
 * @param refreshTaskId the {@code refresh} task that started the run: {@code parent_task_id} of its children
 * @param priority the refresh's priority, which its children inherit: a scheduled refresh's run waits behind a user's
 * @param tickers the run's tickers, in the refresh's order, without duplicates
 * @param startedAt when the run began
 * @param deadlineTaskId the {@code run_deadline} task that ends the run if it is still going at {@code deadlineAt}
 * @param deadlineAt when the run times out
 * @param status running, or how it ended
 * @param reason why it failed or timed out
 * @param finishedAt when it ended
 * @param step the step it is in, or ended in
 * @param phase whether that step waits for its children, or is complete and its successor not yet begun
 * @param owner the task whose handler made the run's last transition
 * @param pending whether that transition's effects (the tasks and messages it publishes) may not all have happened
 * @param sequence the last {@code run_progress} sequence number taken
 * @param steps each begun step's state and times
 * @param children every child of every begun step, by step, chunk and type
 * @param endings how each child that ended did, by its task id
 */
record RunState(
        String sessionId,
        String userId,
        long portfolioId,
        UUID refreshTaskId,
        TaskPriority priority,
        List<String> tickers,
        Instant startedAt,
        UUID deadlineTaskId,
        Instant deadlineAt,
        RunStatus status,
        @Nullable String reason,
        @Nullable Instant finishedAt,
        Step step,
        Phase phase,
        @Nullable UUID owner,
        boolean pending,
        long sequence,
        Map<Step, StepProgress> steps,
        List<ChildSpec> children,
        Map<UUID, Ending> endings) {

    /** Whether a run's current step waits for its children or is complete. */
    enum Phase {
        RUNNING,
        ADVANCING
    }

    /** One step's state and times. */
    record StepProgress(
            StepState state, Instant startedAt, @Nullable Instant finishedAt) {}

    boolean ended() {
        return status != RunStatus.RUNNING;
    }

    boolean ownedBy(UUID taskId) {
        return taskId.equals(owner);
    }

    List<ChildSpec> children(Step of) {
        return children.stream().filter(child -> child.step() == of).toList();
    }

    /** The tickers a step works on: all of the run's for fetch, those its task was given for the later steps. */
    List<String> tickers(Step of) {
        if (of == Step.FETCH) {
            return tickers;
        }
        return children(of).stream()
                .flatMap(child -> child.tickers().stream())
                .distinct()
                .toList();
    }
}
