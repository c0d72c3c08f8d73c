package com.split.tasks.streams;

import com.split.tasks.QueueName;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.models.stream.PendingMessages;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bus's streams as their readers use them: each queue's events stream and the log stream, read by consumer groups
 * ({@link StreamGroupConsumer}). A stream is named by the key {@link #events} or {@link #logs} gives; readers use that
 * name only to tell streams apart. Thread-safe.
 */
public final class BusStreams {

    private final BusRedis redis;
    private final RedisKeys keys;

    public BusStreams(BusRedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** The lifecycle events stream of a queue. */
    public String events(QueueName queue) {
        return keys.events(queue);
    }

    /** The technical log stream. */
    public String logs() {
        return keys.logs();
    }

    /** A consumer of the given streams on the bus's Redis; see {@link StreamGroupConsumer}. */
    public StreamGroupConsumer consumer(
            String name,
            List<String> streams,
            StreamGroupConsumer.Settings settings,
            StreamGroupConsumer.Handler handler,
            StreamGroupConsumer.Stats stats,
            int phase) {
        return new StreamGroupConsumer(name, redis, streams, settings, handler, stats, phase);
    }

    /** The id of the newest entry of the stream, or null when it is empty. */
    public @Nullable String lastEntryId(String stream) {
        List<StreamMessage<String, byte[]>> last =
                redis.await(redis.commands().xrevrange(stream, Range.create("-", "+"), Limit.create(0, 1)));
        return last.isEmpty() ? null : last.getFirst().getId();
    }

    /**
     * Whether the group has handled every entry up to {@code entryId}: delivered to it, and none of those still pending
     * (a consumer acknowledges after it stored the entry).
     */
    public boolean handledUpTo(String stream, String group, String entryId) {
        Object delivered;
        try {
            delivered = Streams.groupInfo(redis.await(redis.commands().xinfoGroups(stream)), group)
                    .get("last-delivered-id");
        } catch (RedisCommandExecutionException e) {
            return false; // no stream or no group yet: nothing has been handled
        }
        if (!(delivered instanceof String id) || Streams.compareIds(id, entryId) < 0) {
            return false;
        }
        PendingMessages pending = redis.await(redis.commands().xpending(stream, group));
        return pending.getCount() == 0
                || Streams.compareIds(pending.getMessageIds().getLower().getValue(), entryId) > 0;
    }
}
