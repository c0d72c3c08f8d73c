package com.split.events.queue;

import com.split.tasks.bus.QueuePauses;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A pause or a resume, answered.
 *
 * @param changed whether this call paused or resumed the queue (false: it was so already, and nothing was journalled)
 * @param pause the pause in force after a pause (possibly someone else's), or the one a resume ended
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PauseAnswer(String queue, boolean paused, boolean changed, QueuePauses.@Nullable QueuePause pause) {}
