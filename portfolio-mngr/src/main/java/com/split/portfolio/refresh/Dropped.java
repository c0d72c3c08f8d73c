package com.split.portfolio.refresh;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A ticker a run left out, and why. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Dropped(String ticker, String reason) {}
