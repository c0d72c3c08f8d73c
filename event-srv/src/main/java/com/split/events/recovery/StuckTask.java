package com.split.events.recovery;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A task the bus no longer runs although the journal says it should.
 *
 * @param status its status in the journal
 * @param statusAt since when it has had it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record StuckTask(
        String taskId,
        String queue,
        @Nullable String status,
        @Nullable Instant statusAt,
        String reason) {}
