package com.split.orchestrator.run;

import com.split.tasks.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The rules of a run, without Redis: how a step fans out, and what follows a complete step.
 *
 * <ul>
 *   <li>fetch: the tickers in chunks of {@code chunkSize}, one {@code fetch_prices} and one {@code fetch_fundamentals}
 *       per chunk. When all have ended, the tickers {@link StepTally} drops leave the run; if none is left, the run
 *       fails.
 *   <li>filter: one {@code initial_filter} for the tickers left. FAILURE (or CANCELLED, TIMEOUT) fails the run;
 *       SUCCESS or NO_DATA (the inputs did not change) go on.
 *   <li>select: one {@code final_selection} for the same tickers; SUCCESS or NO_DATA end the run SUCCESS.
 * </ul>
 */
final class RunPlanner {

    private final int chunkSize;
    private final Supplier<UUID> ids;

    /** @param ids new task ids: each child's is drawn once, when its step begins, and kept in the run state */
    RunPlanner(int chunkSize, Supplier<UUID> ids) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, was " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.ids = ids;
    }

    /** The fetch step's children: per chunk of tickers, one task of each of the step's types. */
    List<ChildSpec> fetch(List<String> tickers) {
        List<ChildSpec> children = new ArrayList<>();
        List<List<String>> chunks = chunks(tickers, chunkSize);
        for (int chunk = 0; chunk < chunks.size(); chunk++) {
            for (TaskType type : Step.FETCH.taskTypes()) {
                children.add(new ChildSpec(ids.get(), Step.FETCH, chunk, type, chunks.get(chunk)));
            }
        }
        return children;
    }

    /** Consecutive runs of at most {@code size} tickers, in their order. */
    static List<List<String>> chunks(List<String> tickers, int size) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < tickers.size(); from += size) {
            chunks.add(List.copyOf(tickers.subList(from, Math.min(tickers.size(), from + size))));
        }
        return chunks;
    }

    /** What follows the run's current step, which is complete: every child of it has an ending. */
    Transition next(RunState run) {
        return switch (run.step()) {
            case FETCH -> {
                StepTally tally = StepTally.of(Step.FETCH, run.tickers(), run.children(Step.FETCH), run.endings());
                List<String> kept = tally.kept(run.tickers());
                if (kept.isEmpty()) {
                    yield new Transition.End(
                            RunStatus.FAILURE,
                            "no ticker left after the fetch step: all %d were dropped".formatted(tally.failed()),
                            StepState.FAILED);
                }
                yield single(Step.FILTER, kept);
            }
            case FILTER -> {
                Ending filtered = onlyEnding(run, Step.FILTER);
                yield filtered.succeeded() ? single(Step.SELECT, run.tickers(Step.FILTER)) : failed(filtered);
            }
            case SELECT -> {
                Ending selected = onlyEnding(run, Step.SELECT);
                yield selected.succeeded()
                        ? new Transition.End(RunStatus.SUCCESS, null, StepState.DONE)
                        : failed(selected);
            }
        };
    }

    private Transition single(Step step, List<String> tickers) {
        return new Transition.Advance(
                step, List.of(new ChildSpec(ids.get(), step, 0, step.taskTypes().getFirst(), tickers)));
    }

    private static Transition failed(Ending ending) {
        String reason = ending.error() == null
                ? ending.reason()
                : "%s failed: %s".formatted(ending.taskType(), ending.reason());
        return new Transition.End(RunStatus.FAILURE, reason, StepState.FAILED);
    }

    private static Ending onlyEnding(RunState run, Step step) {
        ChildSpec child = run.children(step).getFirst();
        Ending ending = run.endings().get(child.taskId());
        if (ending == null) {
            throw new IllegalStateException("step %s of run %s is not complete".formatted(step, run.sessionId()));
        }
        return ending;
    }
}
