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
 * Writes entries onto the events streams by hand, as the bus would (or as it never would), and tells what the journal
 * has left on them, for tests; injected with {@code @Import(EventStreams.class)}.
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

    /** How many entries the queue's events stream holds. */
    public long length(QueueName queue) {
        return redis.await(redis.commands().xlen(keys.events(queue)));
    }

    /** How many entries of the queue's events stream event-srv has read and not yet acknowledged. */
    public long pending(QueueName queue) {
        return redis.await(redis.commands().xpending(keys.events(queue), "event-srv"))
                .getCount();
    }
}
