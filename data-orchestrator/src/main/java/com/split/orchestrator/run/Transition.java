package com.split.orchestrator.run;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a run does once its current step is complete: begin the next step, or end. */
sealed interface Transition {

    /** Begin {@code next} with these children. */
    record Advance(Step next, List<ChildSpec> children) implements Transition {}

    /** End the run; the current step ends {@code stepState}. */
    record End(RunStatus status, @Nullable String reason, StepState stepState) implements Transition {}
}
