package com.split.events.queue;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What a delete of dead letters did.
 *
 * @param deleted dead letters removed (none for a preview)
 * @param matched dead letters the selection took
 * @param notFound named tasks with no dead letter in the queue (or removed by someone else first)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record DeleteResult(int deleted, int matched, List<String> notFound) {}
