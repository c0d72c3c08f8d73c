package com.split.events.task;

import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** How many tasks the journal holds per status and per queue (tasks without one are left out of that map). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TaskCounts(Map<String, Long> byStatus, Map<String, Long> byQueue) {}
