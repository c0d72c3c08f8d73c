package com.split.orchestrator.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code split.orchestrator.runs{status}}: runs ended, by how; {@code split.orchestrator.run.duration{status}}: from
 * refresh to end; {@code split.orchestrator.step.duration{step,state}}: from a step's start to its end ({@code done} or
 * {@code failed}). Each is recorded by the one handler whose script made the transition, so once per run or step.
 */
@Component
class RunMetrics {

    private final MeterRegistry registry;

    RunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void runEnded(RunStatus status, Duration took) {
        String tag = status.name().toLowerCase(Locale.ROOT);
        Counter.builder("split.orchestrator.runs")
                .description("Runs ended, by status")
                .tag("status", tag)
                .register(registry)
                .increment();
        Timer.builder("split.orchestrator.run.duration")
                .description("Time from a run's refresh to its end")
                .tag("status", tag)
                .register(registry)
                .record(took);
    }

    void stepEnded(Step step, StepState state, Duration took) {
        Timer.builder("split.orchestrator.step.duration")
                .description("Time from a step's start to its end")
                .tag("step", step.wireName())
                .tag("state", state.wireName())
                .register(registry)
                .record(took);
    }
}
