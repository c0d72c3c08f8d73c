package com.split.portfolio.refresh;

import com.split.portfolio.config.PortfolioProperties;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Links into event-srv ({@code split.portfolio.event-srv-url}), which journals every task of a run: a task's state
 * and events in its API, and its timeline on the dashboard ({@code /#task=<id>}; {@code /#session=<id>} lists a run's
 * tasks there).
 */
@Component
class EventSrvLinks {

    private final String base;

    EventSrvLinks(PortfolioProperties properties) {
        this.base = properties.eventSrvUrl().toString().replaceAll("/+$", "");
    }

    /** A bus task and where to follow it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TaskRef(UUID taskId, TaskLinks links) {}

    /**
     * @param task the task's state and envelope
     * @param events its timeline: every lifecycle event, in order
     * @param dashboard its timeline on the task dashboard
     */
    record TaskLinks(String task, String events, String dashboard) {}

    TaskRef task(UUID taskId) {
        String task = base + "/api/tasks/" + taskId;
        return new TaskRef(taskId, new TaskLinks(task, task + "/events", base + "/#task=" + taskId));
    }

    /** Every task of a session, newest first. */
    String sessionTasks(String sessionId) {
        return base + "/api/tasks?sessionId=" + sessionId;
    }

    /** The dashboard, listing the session's tasks. */
    String dashboard(String sessionId) {
        return base + "/#session=" + sessionId;
    }
}
