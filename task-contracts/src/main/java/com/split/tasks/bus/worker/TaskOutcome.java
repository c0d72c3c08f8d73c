package com.split.tasks.bus.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** How a task run ended, as a handler reports it. */
public sealed interface TaskOutcome {

    /** Done; the details go into the {@code task_succeeded} event. */
    record Success(Map<String, ?> details) implements TaskOutcome {}

    /**
     * Nothing needed doing, for example the data was already current; the details (what the earlier run left) go into
     * the {@code task_no_data} event beside the reason.
     */
    record NoData(String reason, Map<String, ?> details) implements TaskOutcome {}

    /** Try again after {@code delay}; counts as an attempt. */
    record Retry(Duration delay, String reason) implements TaskOutcome {}

    /** A failure no retry can fix: the task is dead-lettered with the reason. */
    record Failure(String reason) implements TaskOutcome {}

    static TaskOutcome success() {
        return new Success(Map.of());
    }

    static TaskOutcome success(Map<String, ?> details) {
        return new Success(Map.copyOf(details));
    }

    static TaskOutcome noData(String reason) {
        return new NoData(reason, Map.of());
    }

    static TaskOutcome noData(String reason, Map<String, ?> details) {
        return new NoData(reason, Map.copyOf(details));
    }

    /** Like Celery's {@code task.retry(countdown=…)}: the next attempt runs after {@code delay}, not after the backoff. */
    static TaskOutcome retryIn(Duration delay, String reason) {
        return new Retry(delay.isNegative() ? Duration.ZERO : delay, reason);
    }

    /** Retry at a time the handler knows, such as a rate limit's reset. */
    static TaskOutcome retryAt(Instant at, String reason) {
        return retryIn(Duration.between(Instant.now(), at), reason);
    }

    static TaskOutcome failed(String reason) {
        return new Failure(reason);
    }
}
