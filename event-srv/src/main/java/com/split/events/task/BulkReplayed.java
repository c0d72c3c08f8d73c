package com.split.events.task;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The outcome of a replay by filter.
 *
 * @param replayed the ids of the tasks put back on their queues
 * @param skipped tasks the filter matched that were not replayed: not finished, without an envelope, beyond the
 *     limit, or requeued by someone else at the same time
 * @param matched tasks the filter matched in all
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record BulkReplayed(List<String> replayed, long skipped, long matched) {}
