package com.split.portfolio.refresh;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a run stands. A run starts RUNNING and ends once, in one of the other three; nothing moves it back or from
 * one ending to another, so a late or repeated message cannot change how a run ended.
 */
enum RunStatus {
    RUNNING,
    SUCCESS,
    FAILURE,
    TIMEOUT;

    boolean isTerminal() {
        return this != RUNNING;
    }

    boolean canMoveTo(RunStatus next) {
        return this == RUNNING && next.isTerminal();
    }

    /** The ending a {@code run_completed} names, if it names one. */
    static Optional<RunStatus> ending(String name) {
        try {
            RunStatus status = valueOf(name.toUpperCase(Locale.ROOT));
            return status.isTerminal() ? Optional.of(status) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
