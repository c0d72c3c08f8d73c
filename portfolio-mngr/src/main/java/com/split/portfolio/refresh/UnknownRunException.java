package com.split.portfolio.refresh;

/**
 * A run message for a session that {@code runs} does not hold. Retried with the bus's backoff: the refresh that
 * creates the run publishes its task before its transaction commits, so an orchestrator quick to answer can get there
 * first. A message that still finds no run after its retries is dead-lettered.
 */
class UnknownRunException extends RuntimeException {

    UnknownRunException(String sessionId) {
        super("no run " + sessionId + " (yet): its refresh may not have committed");
    }
}
