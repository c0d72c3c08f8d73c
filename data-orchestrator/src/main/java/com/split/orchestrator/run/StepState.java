package com.split.orchestrator.run;

import java.util.Locale;

/** Where one step of a run stands, as {@code run_progress} names it: {@code running}, {@code done}, {@code failed}. */
enum StepState {
    RUNNING,
    DONE,
    FAILED;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static StepState of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
