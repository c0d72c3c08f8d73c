package com.split.events.recovery;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What the reconciler would repair now.
 *
 * @param conservation each queue's accounting
 * @param warnings queues that could not be checked, and why
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record StuckReport(List<StuckTask> stuck, List<Conservation> conservation, List<String> warnings) {}
