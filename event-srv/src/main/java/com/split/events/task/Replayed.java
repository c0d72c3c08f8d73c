package com.split.events.task;

import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A task put back on its queue for {@code attempt}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Replayed(UUID taskId, String queue, int attempt) {}
