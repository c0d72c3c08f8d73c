package com.split.tasks.bus.worker;

import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.BusScripts;
import com.split.tasks.bus.QueueInspector;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.TaskRecovery;
import com.split.tasks.codec.TaskCodec;

/**
 * The parts of the bus a {@link WorkerContainer} runs on, as the auto-configuration builds them: the workers share
 * them with the rest of the service instead of building their own.
 *
 * @param publisher sends the {@code task_finished} notices of tasks that have a {@code reply_to}
 */
public record BusParts(
        BusRedis redis,
        BusScripts scripts,
        TaskCodec codec,
        TaskPublisher publisher,
        TaskRecovery recovery,
        QueueInspector inspector) {}
