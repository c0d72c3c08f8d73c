package com.split.events;

import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.codec.TaskCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes entries onto the events streams by hand, as the bus would (or as it never would), for tests; injected with
 * {@code @Import(EventStreams.class)}.
 */
public record EventStreams(BusRedis redis, RedisKeys keys, TaskCodec codec) {

    /** Appends the event as the bus does; with the envelope, as {@code task_created} carries it. */
    public String append(TaskEnvelope task, TaskEvent event, boolean withEnvelope) {
        return append(task.queue(), codec.streamFields(event, withEnvelope ? codec.encode(task) : null));
    }

    public String append(QueueName queue, Map<String, String> fields) {
        Map<String, byte[]> body = new LinkedHashMap<>();
        fields.forEach((name, value) -> body.put(name, value.getBytes(StandardCharsets.UTF_8)));
        return redis.await(redis.commands().xadd(keys.events(queue), body));
    }
}
