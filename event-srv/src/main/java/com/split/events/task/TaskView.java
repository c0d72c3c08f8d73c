package com.split.events.task;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A task's current state as the journal knows it: the fields of its {@link TaskSummary}, and the {@code envelope} that
 * {@code task_created} carried.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TaskView(
        @JsonUnwrapped TaskSummary summary, @Nullable JsonNode envelope) {}
