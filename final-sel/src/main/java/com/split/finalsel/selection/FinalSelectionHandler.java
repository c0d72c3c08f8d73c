package com.split.finalsel.selection;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.TaskContext;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;

/**
 * {@code final_selection} from {@code final_sel_tasks}: one task is one session's selection over the envelope's
 * tickers. Succeeds with {@code {"tickers", "buy", "hold", "sell", "weighting", "recommendations"}}, or ends
 * {@code NO_DATA} with the same details, read back from the stored rows, when the inputs have not changed since the
 * session's last selection. The session's figures go into one {@code task_business_result} either way.
 *
 * <p>A rerun is harmless: rows are upserted on {@code (session_id, ticker)}.
 */
final class FinalSelectionHandler implements TaskHandler {

    private final FinalSelection selection;

    FinalSelectionHandler(FinalSelection selection) {
        this.selection = selection;
    }

    @Override
    public TaskType type() {
        return TaskType.FINAL_SELECTION;
    }

    @Override
    public TaskOutcome handle(TaskEnvelope task, TaskContext context) {
        SelectionRun run = selection.select(task.userId(), task.sessionId(), task.tickers(), context::throwIfCancelled);
        context.businessResult(run.figures());
        if (!run.written()) {
            return TaskOutcome.noData("inputs unchanged since this session's last selection", run.details());
        }
        return TaskOutcome.success(run.details());
    }
}
