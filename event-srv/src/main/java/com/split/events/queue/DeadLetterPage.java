package com.split.events.queue;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A page of a queue's dead letters, newest first, and how many it holds. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record DeadLetterPage(String queue, long total, long offset, List<DeadLetterView> entries) {}
