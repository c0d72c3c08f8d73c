package com.split.events.queue;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What an operator did to a whole queue, as journalled in {@code queue_actions}.
 *
 * @param action {@value #PAUSED} or {@value #RESUMED}
 * @param actor who did it: the authenticated caller
 * @param reason what they gave, if anything
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record QueueAction(
        long id,
        String queue,
        String action,
        String actor,
        @Nullable String reason,
        Instant occurredAt) {

    static final String PAUSED = "paused";
    static final String RESUMED = "resumed";
}
