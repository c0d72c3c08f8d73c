package com.split.events.recovery;

import com.split.events.journal.EventsProperties;
import com.split.tasks.QueueName;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.models.stream.PendingMessages;
import java.nio.charset.StandardCharsets;
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
        String delivered;
        try {
            delivered = lastDelivered(redis.await(redis.commands().xinfoGroups(stream)));
        } catch (RedisCommandExecutionException e) {
            return false; // no stream or no group yet: nothing has been journalled
        }
        if (delivered == null || compare(delivered, entryId) < 0) {
            return false;
        }
        PendingMessages pending = redis.await(redis.commands().xpending(stream, group));
        return pending.getCount() == 0
                || compare(pending.getMessageIds().getLower().getValue(), entryId) > 0;
    }

    private @Nullable String lastDelivered(List<Object> groups) {
        for (Object entry : groups) {
            List<?> fields = (List<?>) entry;
            String name = null;
            String delivered = null;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String field = text(fields.get(i));
                if ("name".equals(field)) {
                    name = text(fields.get(i + 1));
                } else if ("last-delivered-id".equals(field)) {
                    delivered = text(fields.get(i + 1));
                }
            }
            if (group.equals(name)) {
                return delivered;
            }
        }
        return null;
    }

    private static @Nullable String text(@Nullable Object value) {
        return value instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8)
                : value == null ? null : value.toString();
    }

    /** Orders stream ids ({@code <ms>-<seq>}) numerically. */
    static int compare(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        int byTime = Long.compare(Long.parseLong(a.substring(0, dashA)), Long.parseLong(b.substring(0, dashB)));
        return byTime != 0
                ? byTime
                : Long.compare(Long.parseLong(a.substring(dashA + 1)), Long.parseLong(b.substring(dashB + 1)));
    }
}
