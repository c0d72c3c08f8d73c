package com.split.events.recovery;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What a reconcile did.
 *
 * @param repaired the tasks put back on the bus, each with the reason journalled with its {@code task_retried}
 * @param conservation each queue's accounting before the repairs
 * @param warnings queues or tasks that could not be checked or repaired, and why
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ReconcileReport(List<StuckTask> repaired, List<Conservation> conservation, List<String> warnings) {}
