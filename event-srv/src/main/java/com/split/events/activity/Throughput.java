package com.split.events.activity;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Tasks that reached a final status, per minute and queue: minute {@code i} of each list starts at
 * {@code from + i × step_seconds}.
 *
 * @param from the first minute's start, on a whole UTC minute
 * @param to the end of the last minute, exclusive; the current minute is the last one, still filling
 * @param queues every queue with a task finished in the window, by name
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Throughput(Instant from, Instant to, int stepSeconds, List<QueueThroughput> queues) {

    /**
     * @param completed tasks that ended SUCCESS or NO_DATA, per minute
     * @param failed tasks that ended FAILURE or TIMEOUT, per minute
     */
    record QueueThroughput(String queue, long[] completed, long[] failed) {}
}
