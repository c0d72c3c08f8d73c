package com.split.orchestrator.run;

/** Where a run stands: running, or how it ended. The names are those of {@code run_completed}'s status. */
enum RunStatus {
    RUNNING,
    SUCCESS,
    FAILURE,
    TIMEOUT
}
