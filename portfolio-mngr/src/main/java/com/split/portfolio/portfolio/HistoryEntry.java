package com.split.portfolio.portfolio;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One change of a portfolio.
 *
 * @param userId who made it
 * @param action {@code created}, {@code added} or {@code removed}
 * @param symbol the ticker added or removed; null for {@code created}
 * @param reason why, as the user gave it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record HistoryEntry(
        long id,
        String userId,
        String action,
        @Nullable String symbol,
        @Nullable String reason,
        Instant occurredAt) {

    static final String CREATED = "created";
    static final String ADDED = "added";
    static final String REMOVED = "removed";
}
