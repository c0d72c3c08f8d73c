package com.split.initfilter.filtration;

import com.split.initfilter.screening.Verdict;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.TaskContext;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code initial_filter} on {@code init_filter_tasks}: screens the envelope's tickers for its session into
 * {@code initial_filtration}. Succeeds with {@code {"tickers", "passed", "failed", "unknown", "results"}} when it
 * wrote rows, ends {@code NO_DATA} with the same details when every ticker's inputs are those of the session's last
 * result, and fails (no retry) for a task without one valid symbol. The figures, with the rows written, go into one
 * {@code task_business_result}.
 */
@Component
class InitialFilterHandler implements TaskHandler {

    private static final Logger log = LoggerFactory.getLogger(InitialFilterHandler.class);

    private final SessionFilter filter;

    InitialFilterHandler(SessionFilter filter) {
        this.filter = filter;
    }

    @Override
    public TaskType type() {
        return TaskType.INITIAL_FILTER;
    }

    @Override
    public TaskOutcome handle(TaskEnvelope task, TaskContext context) {
        SessionFilter.Run run =
                filter.filter(task.userId(), task.sessionId(), task.tickers(), context::throwIfCancelled);
        if (!run.invalid().isEmpty()) {
            log.warn("initial_filter: not valid symbols, reported as unknown: {}", run.invalid());
        }
        if (run.screenings().isEmpty()) {
            return TaskOutcome.failed("no valid symbol to screen: " + run.invalid());
        }
        context.businessResult(run.figures());
        log.info(
                "Screened session {}: {} tickers, {} passed, {} failed, {} unknown, {} rows written ({})",
                task.sessionId(),
                run.screenings().size(),
                run.count(Verdict.PASS),
                run.count(Verdict.FAIL),
                run.count(Verdict.UNKNOWN),
                run.written(),
                run.method().wireName());
        return run.written() == 0
                ? TaskOutcome.noData("inputs unchanged since the session's last result", run.details())
                : TaskOutcome.success(run.details());
    }
}
