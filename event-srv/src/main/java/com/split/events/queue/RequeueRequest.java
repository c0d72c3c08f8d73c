package com.split.events.queue;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Which dead letters to requeue: the given tasks, or all of them. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RequeueRequest(
        @Nullable List<String> taskIds, @Nullable Boolean all) {}
