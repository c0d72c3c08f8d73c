package com.split.events.activity;

import com.split.web.InvalidParameterException;
import com.split.web.Parameters;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard's charts: throughput per minute and a session's Gantt timeline, from the journal. */
@RestController
@RequestMapping("/api/tasks")
class ActivityController {

    static final int MAX_HOURS = 24;
    static final int GANTT_TASKS = 500;
    static final int MAX_SESSION_ID = 128;

    private final ActivityRepository activity;

    ActivityController(ActivityRepository activity) {
        this.activity = activity;
    }

    /** The last {@code hours} (1 to 24, default 3) in whole UTC minutes, the current one last. */
    @GetMapping("/throughput")
    Throughput throughput(@RequestParam(required = false) @Nullable String hours) {
        int span = Parameters.integer("hours", hours, 3, 1, MAX_HOURS);
        Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        return activity.throughput(to.minus(Duration.ofHours(span)), to);
    }

    @GetMapping("/gantt")
    SessionGantt gantt(@RequestParam(required = false) @Nullable String sessionId) {
        String session = Parameters.blankToNull(sessionId);
        if (session == null) {
            throw new InvalidParameterException("sessionId", "is required: the timeline is one session's tasks");
        }
        if (session.length() > MAX_SESSION_ID) {
            throw new InvalidParameterException(
                    "sessionId", "must be at most %d characters, was %d".formatted(MAX_SESSION_ID, session.length()));
        }
        return activity.gantt(session, GANTT_TASKS);
    }
}
