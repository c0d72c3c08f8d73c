package com.split.events.queue;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What a requeue did.
 *
 * @param requeued tasks put back on the ready list
 * @param notFound requested tasks with no dead letter in the queue (or requeued by someone else first)
 * @param unreadable dead letters left where they are because their envelope is not a valid one to run
 * @param matched dead letters the selection took (for a preview, all there is)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RequeueResult(List<String> requeued, List<String> notFound, int unreadable, int matched) {}
