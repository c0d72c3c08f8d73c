package com.split.portfolio.refresh;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.bus.worker.PermanentTaskFailure;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.codec.TaskCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the orchestrator's run messages. Both are idempotent and order-free, as at-least-once delivery needs: a
 * step keeps the message with the highest sequence, and a run ends once, with the first {@code run_completed}; later
 * ones, and its recommendations, change nothing.
 */
@Service
class RunUpdates {

    private static final Logger log = LoggerFactory.getLogger(RunUpdates.class);

    private final RefreshRunRepository runs;
    private final JsonMapper mapper;
    private final Clock clock;
    private final RunMetrics metrics;
    private final TransactionTemplate transactions;

    RunUpdates(
            RefreshRunRepository runs,
            TaskCodec codec,
            Clock clock,
            RunMetrics metrics,
            PlatformTransactionManager transactionManager) {
        this.runs = runs;
        this.mapper = codec.mapper();
        this.clock = clock;
        this.metrics = metrics;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A {@code run_progress}: stores the step unless a newer message about it is stored already. */
    TaskOutcome progress(TaskEnvelope task) {
        RunProgress progress = RunProgress.parse(mapper, task.payload());
        String sessionId = task.sessionId();
        long stored = Objects.requireNonNull(transactions.execute(status -> {
            requireRun(sessionId, progress.portfolioId());
            return runs.upsertStep(sessionId, progress, clock.instant());
        }));
        if (stored > progress.sequence()) {
            log.info(
                    "Kept step {} of run {} at sequence {}: the run_progress of sequence {} came late",
                    progress.step(),
                    sessionId,
                    stored,
                    progress.sequence());
        }
        return TaskOutcome.success(Map.of(
                "session_id",
                sessionId,
                "step",
                progress.step(),
                "sequence",
                progress.sequence(),
                "stored_sequence",
                stored));
    }

    /** A {@code run_completed}: ends the run with its status and stores its recommendations, the first time. */
    TaskOutcome completed(TaskEnvelope task) {
        RunCompleted completed = RunCompleted.parse(mapper, task.payload());
        String sessionId = task.sessionId();
        boolean ended = Boolean.TRUE.equals(transactions.execute(status -> {
            RefreshRun run = requireRun(sessionId, completed.portfolioId());
            // the orchestrator's clock says when it ended; never before the start by ours, whatever their skew
            Instant reported = completed.finishedAt() == null ? clock.instant() : completed.finishedAt();
            Instant finishedAt = reported.isBefore(run.startedAt()) ? run.startedAt() : reported;
            // finish() moves only a RUNNING run: one ended by an earlier copy of this message, or by the stale sweep,
            // keeps its ending and its recommendations
            if (!runs.finish(sessionId, completed.status(), completed.reason(), completed.dropped(), finishedAt)) {
                return false;
            }
            runs.upsertRecommendations(sessionId, completed.recommendations());
            return true;
        }));
        if (ended) {
            metrics.completed(completed.status());
            log.info(
                    "Run {} of portfolio {} ended {} with {} recommendations{}",
                    sessionId,
                    completed.portfolioId(),
                    completed.status(),
                    completed.recommendations().size(),
                    completed.reason() == null ? "" : ": " + completed.reason());
        } else {
            log.warn("Ignored run_completed {} for run {}: the run has ended already", completed.status(), sessionId);
        }
        return TaskOutcome.success(
                Map.of("session_id", sessionId, "status", completed.status().name(), "applied", ended));
    }

    private RefreshRun requireRun(String sessionId, long portfolioId) {
        RefreshRun run = runs.find(sessionId).orElseThrow(() -> new UnknownRunException(sessionId));
        if (run.portfolioId() != portfolioId) {
            throw new PermanentTaskFailure("run %s belongs to portfolio %d, the message names portfolio %d"
                    .formatted(sessionId, run.portfolioId(), portfolioId));
        }
        return run;
    }
}
