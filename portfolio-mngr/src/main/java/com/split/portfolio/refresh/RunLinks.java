package com.split.portfolio.refresh;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Where to follow a run.
 *
 * @param self the run with its steps
 * @param portfolio its portfolio
 * @param recommendations the portfolio's latest recommendations
 * @param tasks every task of the run in event-srv's journal
 * @param dashboard event-srv's task dashboard, listing the run's tasks
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RunLinks(String self, String portfolio, String recommendations, String tasks, String dashboard) {

    static RunLinks of(String sessionId, long portfolioId, EventSrvLinks eventSrv) {
        String portfolio = "/api/portfolios/" + portfolioId;
        return new RunLinks(
                "/api/runs/" + sessionId,
                portfolio,
                portfolio + "/recommendations",
                eventSrv.sessionTasks(sessionId),
                eventSrv.dashboard(sessionId));
    }
}
