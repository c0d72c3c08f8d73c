package com.split.tasks.bus;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import java.time.Duration;
import org.springframework.context.annotation.Import;

/**
 * Runs tasks through a service's own worker, as its integration tests do: publishes each with the real publisher and
 * waits for its ending on the events stream. {@code @Import(TaskRuns.class)} injects it, and {@link BusEvents} with it.
 */
@Import(BusEvents.class)
public record TaskRuns(TaskPublisher publisher, BusEvents events) {

    /** Publishes the task and returns the event that ended it. */
    public TaskEvent run(TaskEnvelope task, Duration patience) {
        return events.awaitEnding(task.queue(), publisher.publish(task), patience);
    }
}
