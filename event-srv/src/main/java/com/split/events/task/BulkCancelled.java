package com.split.events.task;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The outcome of a cancel by filter.
 *
 * @param cancelled the ids of the tasks whose cancellation was requested (none for a preview)
 * @param matched unfinished tasks the filter matched in all, beyond the limit too
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record BulkCancelled(List<String> cancelled, long matched) {}
