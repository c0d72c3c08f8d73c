package com.split.events.recovery;

import com.split.events.journal.EventsProperties;
import com.split.tasks.QueueName;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.streams.Streams;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.models.stream.PendingMessages;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Tells whether the journal has caught up with a queue's events stream up to a given entry: every event the bus
 * appended until then is committed in MySQL. The reconciler reads Redis, then asks this, then reads the journal, so
 * that a task that moved on the bus while it was looking shows in the journal as moved rather than as lost.
 */
@Component
class JournalProgress {

    private static final Duration POLL = Duration.ofMillis(100);

    private final BusRedis redis;
    private final RedisKeys keys;
    private final String group;

    JournalProgress(BusRedis redis, RedisKeys keys, EventsProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.group = properties.group();
    }

    /** The id of the newest entry of the queue's events stream, or null when it is empty. */
    @Nullable
    String lastEntry(QueueName queue) {
        List<StreamMessage<String, byte[]>> last =
                redis.await(redis.commands().xrevrange(keys.events(queue), Range.create("-", "+"), Limit.create(0, 1)));
        return last.isEmpty() ? null : last.getFirst().getId();
    }

    /** Waits until every entry up to {@code entryId} is journalled; false if that takes longer than {@code wait}. */
    boolean awaitJournalled(QueueName queue, @Nullable String entryId, Duration wait) {
        if (entryId == null) {
            return true;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (!journalled(queue, entryId)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return true;
    }

    /** Delivered to the group, and none of those up to it still pending (they are acknowledged after the commit). */
    private boolean journalled(QueueName queue, String entryId) {
        String stream = keys.events(queue);
        Object delivered;
        try {
            delivered = Streams.groupInfo(redis.await(redis.commands().xinfoGroups(stream)), group)
                    .get("last-delivered-id");
        } catch (RedisCommandExecutionException e) {
            return false; // no stream or no group yet: nothing has been journalled
        }
        if (!(delivered instanceof String id) || Streams.compareIds(id, entryId) < 0) {
            return false;
        }
        PendingMessages pending = redis.await(redis.commands().xpending(stream, group));
        return pending.getCount() == 0
                || Streams.compareIds(pending.getMessageIds().getLower().getValue(), entryId) > 0;
    }
}
