package com.split.events.queue;

import com.split.tasks.bus.QueuePauses;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A queue now: depths and workers from Redis, throughput from the journal.
 *
 * @param ready tasks waiting, at every priority
 * @param readyByPriority tasks waiting at each priority: {@code high}, {@code normal}, {@code low}
 * @param processing tasks held by workers, live or not yet reaped
 * @param workers workers whose heartbeat is within the lease
 * @param oldestWaitingMs how long the oldest ready task has existed; null when none is waiting
 * @param completedLastMinute tasks of the queue that reached a final status in the last minute
 * @param paused who paused the queue, when and why; null while its workers claim from it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record QueueView(
        String queue,
        long ready,
        Map<String, Long> readyByPriority,
        long processing,
        long delayed,
        long dead,
        long workers,
        @Nullable Long oldestWaitingMs,
        long completedLastMinute,
        QueuePauses.@Nullable QueuePause paused) {}
