package com.split.portfolio.refresh;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer to a refresh: the run that is now RUNNING for the portfolio.
 *
 * @param created false when the portfolio already had a RUNNING run and this is it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RefreshStarted(String sessionId, RunStatus status, boolean created, RunLinks links) {}
