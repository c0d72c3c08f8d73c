package com.split.portfolio.refresh;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A 404 problem detail for a session id that names no run, or a portfolio without a successful run yet. */
class RunNotFoundException extends ErrorResponseException {

    private RunNotFoundException(String title, String detail) {
        super(HttpStatus.NOT_FOUND);
        setTitle(title);
        setDetail(detail);
    }

    static RunNotFoundException session(String sessionId) {
        return new RunNotFoundException("Run not found", "No run with session id " + sessionId);
    }

    static RunNotFoundException noSuccess(long portfolioId) {
        return new RunNotFoundException(
                "No recommendations yet",
                "Portfolio %d has no successful run yet: refresh it to get recommendations".formatted(portfolioId));
    }
}
