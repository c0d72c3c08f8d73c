package com.split.tasks.bus;

import com.split.tasks.QueueName;
import com.split.tasks.codec.TaskCodec;
import io.lettuce.core.SetArgs;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Pauses and resumes queues. A paused queue gives its workers nothing ({@code claim-7.lua} reads the pause first);
 * publishing, promotion, running tasks and the queue's figures go on. Every instance sees a pause at its next claim.
 */
public final class QueuePauses {

    private final BusRedis redis;
    private final RedisKeys keys;
    private final TaskCodec codec;

    /**
     * Who paused a queue, when, and why.
     *
     * @param reason what the one who paused it gave, if anything
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record QueuePause(
            String by, Instant at, @Nullable String reason) {}

    public QueuePauses(BusRedis redis, RedisKeys keys, TaskCodec codec) {
        this.redis = redis;
        this.keys = keys;
        this.codec = codec;
    }

    /**
     * Pauses the queue unless it is paused already.
     *
     * @return the pause that was there already, which stays in force with its author; empty when this one paused it
     */
    public Optional<QueuePause> pause(QueueName queue, QueuePause pause) {
        // SET NX GET, one command: the pause already there, or nil once this one is set
        return read(redis.await(redis.commands()
                .setGet(keys.paused(queue), codec.mapper().writeValueAsBytes(pause), SetArgs.Builder.nx())));
    }

    /** @return the pause that this ended, or empty when the queue was not paused */
    public Optional<QueuePause> resume(QueueName queue) {
        return read(redis.await(redis.commands().getdel(keys.paused(queue))));
    }

    public Optional<QueuePause> paused(QueueName queue) {
        return read(redis.await(redis.commands().get(keys.paused(queue))));
    }

    private Optional<QueuePause> read(byte @Nullable [] json) {
        return Optional.ofNullable(read(codec, json));
    }

    static @Nullable QueuePause read(TaskCodec codec, byte @Nullable [] json) {
        return json == null ? null : codec.mapper().readValue(json, QueuePause.class);
    }
}
