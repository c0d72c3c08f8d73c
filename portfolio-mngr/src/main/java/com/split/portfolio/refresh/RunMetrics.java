package com.split.portfolio.refresh;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code split.portfolio.runs.started}: runs created; {@code split.portfolio.runs.completed{status}}: runs ended, once
 * each (a repeated {@code run_completed} does not count again). Every status is registered up front, so that a rate
 * of 0 shows as 0 rather than as no series.
 */
@Component
class RunMetrics {

    private final Counter started;
    private final Map<RunStatus, Counter> completed = new EnumMap<>(RunStatus.class);

    RunMetrics(MeterRegistry registry) {
        this.started = Counter.builder("split.portfolio.runs.started")
                .description("Refresh runs started")
                .register(registry);
        for (RunStatus status : RunStatus.values()) {
            if (status.isTerminal()) {
                completed.put(
                        status,
                        Counter.builder("split.portfolio.runs.completed")
                                .description("Refresh runs ended, by how they ended")
                                .tag("status", status.name())
                                .register(registry));
            }
        }
    }

    void started() {
        started.increment();
    }

    void completed(RunStatus status) {
        completed.get(status).increment();
    }
}
