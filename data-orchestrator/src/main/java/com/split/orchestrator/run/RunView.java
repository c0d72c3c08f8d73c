package com.split.orchestrator.run;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A run as its Redis state holds it, for {@code GET /api/runs/{sessionId}}: a read-only view for debugging. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RunView(
        String sessionId,
        String userId,
        long portfolioId,
        UUID refreshTaskId,
        RunStatus status,
        @Nullable String reason,
        Instant startedAt,
        @Nullable Instant finishedAt,
        UUID deadlineTaskId,
        Instant deadlineAt,
        String step,
        String phase,
        @Nullable UUID owner,
        boolean pending,
        long sequence,
        List<StepView> steps,
        List<Dropped> dropped) {

    /** A begun step, with the counts {@code run_progress} gives and each of its tasks. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StepView(
            String step,
            String state,
            Instant startedAt,
            @Nullable Instant finishedAt,
            int tickersTotal,
            int tickersDone,
            int tickersFailed,
            List<ChildView> tasks) {}

    /** One task of a step: {@code status} and {@code error} once its notice came. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChildView(
            UUID taskId,
            String taskType,
            int chunk,
            List<String> tickers,
            @Nullable String status,
            @Nullable String error) {}

    /** A ticker the fetch step dropped, and why. */
    record Dropped(String ticker, String reason) {}

    static RunView of(RunState run) {
        List<StepView> steps = run.steps().entrySet().stream()
                .map(entry -> {
                    Step step = entry.getKey();
                    StepTally tally = StepTally.of(step, run.tickers(step), run.children(step), run.endings());
                    List<ChildView> tasks = run.children(step).stream()
                            .map(child -> {
                                Ending ending = run.endings().get(child.taskId());
                                return new ChildView(
                                        child.taskId(),
                                        child.type().name(),
                                        child.chunk(),
                                        child.tickers(),
                                        ending == null ? null : ending.status().name(),
                                        ending == null ? null : ending.error());
                            })
                            .toList();
                    return new StepView(
                            step.wireName(),
                            entry.getValue().state().wireName(),
                            entry.getValue().startedAt(),
                            entry.getValue().finishedAt(),
                            tally.total(),
                            tally.done(),
                            tally.failed(),
                            tasks);
                })
                .toList();
        List<Dropped> dropped = RunMessages.droppedTickers(run).entrySet().stream()
                .map(entry -> new Dropped(entry.getKey(), entry.getValue()))
                .toList();
        return new RunView(
                run.sessionId(),
                run.userId(),
                run.portfolioId(),
                run.refreshTaskId(),
                run.status(),
                run.reason(),
                run.startedAt(),
                run.finishedAt(),
                run.deadlineTaskId(),
                run.deadlineAt(),
                run.step().wireName(),
                run.phase().name().toLowerCase(Locale.ROOT),
                run.owner(),
                run.pending(),
                run.sequence(),
                steps,
                dropped);
    }
}
