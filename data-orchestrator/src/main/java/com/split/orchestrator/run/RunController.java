package com.split.orchestrator.run;

import com.split.web.InvalidParameterException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A read-only look at a run's state in Redis, for debugging: portfolio-mngr's {@code GET /api/runs/{sessionId}} is
 * the API users read. Kept for the retention after the run ended.
 */
@RestController
@RequestMapping("/api/runs")
class RunController {

    /** What a session id may look like here ({@code run-<uuidv7>} for portfolio-mngr's runs). */
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final RunStore store;

    RunController(RunStore store) {
        this.store = store;
    }

    @GetMapping("/{sessionId}")
    RunView run(@PathVariable String sessionId) {
        if (!SESSION_ID.matcher(sessionId).matches()) {
            throw new InvalidParameterException(
                    "sessionId",
                    "must be 1 to 128 letters, digits, '.', '_', ':' or '-', was '%s'".formatted(sessionId));
        }
        return store.read(sessionId, false).map(RunView::of).orElseThrow(() -> new RunNotFoundException(sessionId));
    }

    /** No run state for this session: never started here, or expired after the retention. */
    static final class RunNotFoundException extends ErrorResponseException {

        RunNotFoundException(String sessionId) {
            super(HttpStatus.NOT_FOUND);
            setTitle("Run not found");
            setDetail("No run %s: unknown here, or ended longer ago than the retention".formatted(sessionId));
        }
    }
}
