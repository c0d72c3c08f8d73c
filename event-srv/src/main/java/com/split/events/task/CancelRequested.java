package com.split.events.task;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A cancel request recorded on the bus; {@code status} is the task's status in the journal when it was made. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CancelRequested(UUID taskId, String queue, @Nullable String status) {}
