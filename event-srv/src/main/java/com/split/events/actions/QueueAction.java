package com.split.events.actions;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What an operator did to a queue as a whole, or to many of its tasks at once, as journalled in {@code queue_actions}.
 *
 * @param action one of the constants here
 * @param actor who did it: the authenticated caller
 * @param reason what they gave, if anything
 * @param filter what a bulk action selected, as the request said it; null for a pause or a resume
 * @param affected how many tasks a bulk action changed; null for a pause or a resume
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QueueAction(
        long id,
        String queue,
        String action,
        String actor,
        @Nullable String reason,
        @Nullable String filter,
        @Nullable Integer affected,
        Instant occurredAt) {

    public static final String PAUSED = "paused";
    public static final String RESUMED = "resumed";
    public static final String DEAD_REQUEUED = "dead_requeued";
    public static final String DEAD_DELETED = "dead_deleted";
    public static final String CANCELLED = "cancelled";
    public static final String REPLAYED = "replayed";
}
