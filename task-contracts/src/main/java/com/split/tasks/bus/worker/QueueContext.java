package com.split.tasks.bus.worker;

import com.split.tasks.QueueName;
import java.time.Clock;

/**
 * What the parts of one queue's worker share: the queue, this instance's worker id, its settings, clock, meters and
 * spans.
 */
record QueueContext(
        QueueName queue,
        String workerId,
        WorkerSettings settings,
        Clock clock,
        BusMetrics metrics,
        TaskTracing tracing) {}
