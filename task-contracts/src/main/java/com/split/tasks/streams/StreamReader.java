package com.split.tasks.streams;

import com.split.tasks.bus.BusRedis;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of one consumer of a {@link StreamGroupConsumer} on one stream: reads its own pending entries first, then
 * new ones, claims what dead consumers left, and acknowledges and deletes each batch once its handler stored it.
 * Confined to its thread.
 */
final class StreamReader {

    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);

    private final BusRedis redis;
    private final StreamGroupConsumer.Settings settings;
    private final StreamGroupConsumer.Handler handler;
    private final StreamGroupConsumer.Stats stats;
    private final BooleanSupplier running;

    private final String stream;
    private final Consumer<String> consumer;
    private BusRedis.@Nullable Connection connection;
    private boolean groupReady;
    private boolean ownPendingFirst = true; // entries delivered to this consumer but not yet acknowledged
    private long nextClaimNanos = System.nanoTime();
    private long nextStatsNanos = System.nanoTime();
    private Duration backoff = MIN_BACKOFF;

    StreamReader(
            BusRedis redis,
            String stream,
            StreamGroupConsumer.Settings settings,
            StreamGroupConsumer.Handler handler,
            StreamGroupConsumer.Stats stats,
            BooleanSupplier running) {
        this.redis = redis;
        this.stream = stream;
        this.settings = settings;
        this.handler = handler;
        this.stats = stats;
        this.running = running;
        this.consumer = Consumer.from(settings.group(), settings.consumerName());
    }

    void run() {
        while (running.getAsBoolean()) {
            try {
                step();
                backoff = MIN_BACKOFF;
            } catch (RuntimeException e) {
                if (!running.getAsBoolean()) {
                    break;
                }
                log.warn("Consuming {} failed, trying again in {}: {}", stream, backoff, e.toString());
                ownPendingFirst = true; // what this consumer holds is handled again before anything new
                closeConnection();
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
            }
        }
        closeConnection();
    }

    private void step() {
        if (connection == null) {
            connection = redis.openBlocking();
        }
        RedisClusterAsyncCommands<String, byte[]> commands = connection.commands();
        if (!groupReady) {
            createGroup(commands);
            groupReady = true;
        }
        if (System.nanoTime() - nextStatsNanos >= 0) {
            readStats(commands);
            nextStatsNanos = System.nanoTime() + settings.statsInterval().toNanos();
        }
        if (System.nanoTime() - nextClaimNanos >= 0) {
            claimAbandoned(commands);
            nextClaimNanos = System.nanoTime() + settings.claimInterval().toNanos();
        }
        if (ownPendingFirst) {
            List<StreamMessage<String, byte[]>> pending = redis.await(commands.xreadgroup(
                    consumer, XReadArgs.Builder.count(settings.batchSize()), XReadArgs.StreamOffset.from(stream, "0")));
            if (pending.isEmpty()) {
                ownPendingFirst = false;
            } else {
                handle(commands, pending);
            }
            return;
        }
        List<StreamMessage<String, byte[]>> fresh = BusRedis.await(
                commands.xreadgroup(
                        consumer,
                        XReadArgs.Builder.count(settings.batchSize())
                                .block(settings.block().toMillis()),
                        XReadArgs.StreamOffset.lastConsumed(stream)),
                settings.block().plus(redis.commandTimeout()));
        handle(commands, fresh);
    }

    private void createGroup(RedisClusterAsyncCommands<String, byte[]> commands) {
        try {
            // From 0, not $: entries added before the first consumer started are handled too.
            redis.await(commands.xgroupCreate(
                    XReadArgs.StreamOffset.from(stream, "0"), settings.group(), XGroupCreateArgs.Builder.mkstream()));
            log.info("Created consumer group {} on {}", settings.group(), stream);
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
            // another instance, or an earlier run, created it
        }
    }

    /**
     * Reads the stream's figures without waiting for the replies: they arrive before the next read's, and
     * consuming never waits for them. Handled entries are deleted, so the stream's first entry is the oldest one
     * not yet handled, and its length less the pending entries is the lag where Redis cannot tell it.
     */
    private void readStats(RedisClusterAsyncCommands<String, byte[]> commands) {
        var groups = commands.xinfoGroups(stream).toCompletableFuture();
        var length = commands.xlen(stream).toCompletableFuture();
        var oldest =
                commands.xrange(stream, Range.create("-", "+"), Limit.from(1)).toCompletableFuture();
        CompletableFuture.allOf(groups, length, oldest).whenComplete((ignored, failure) -> {
            if (failure != null) {
                log.debug("Reading the figures of {} failed", stream, failure);
                return;
            }
            Map<String, @Nullable Object> group = Streams.groupInfo(groups.join(), settings.group());
            long pending = group.get("pending") instanceof Long count ? count : 0;
            long lag = group.get("lag") instanceof Long count ? count : Math.max(0, length.join() - pending);
            long age = oldest.join().isEmpty()
                    ? 0
                    : Math.max(
                            0,
                            System.currentTimeMillis()
                                    - Streams.entryMillis(
                                            oldest.join().getFirst().getId()));
            stats.update(stream, lag, pending, age);
        });
    }

    /** Takes over what other consumers (dead instances) left unacknowledged for longer than claimIdle. */
    private void claimAbandoned(RedisClusterAsyncCommands<String, byte[]> commands) {
        String start = "0-0";
        do {
            ClaimedMessages<String, byte[]> claimed = redis.await(commands.xautoclaim(
                    stream,
                    XAutoClaimArgs.Builder.xautoclaim(consumer, settings.claimIdle(), start)
                            .count(settings.batchSize())));
            if (!claimed.getMessages().isEmpty()) {
                log.info(
                        "Claimed {} abandoned entries of {}",
                        claimed.getMessages().size(),
                        stream);
                handle(commands, claimed.getMessages());
            }
            start = claimed.getId();
        } while (running.getAsBoolean() && !"0-0".equals(start));
    }

    private void handle(
            RedisClusterAsyncCommands<String, byte[]> commands, List<StreamMessage<String, byte[]>> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<StreamMessage<String, byte[]>> present = new ArrayList<>(messages.size());
        String[] ids = new String[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            StreamMessage<String, byte[]> message = messages.get(i);
            ids[i] = message.getId();
            if (message.getBody() != null && !message.getBody().isEmpty()) {
                present.add(message); // else deleted after it was delivered: nothing left to handle
            }
        }
        if (!present.isEmpty()) {
            handler.handle(stream, present);
        }
        // Stored now; the stream would otherwise keep every entry forever. One round trip for both.
        var acked = commands.xack(stream, settings.group(), ids);
        var deleted = commands.xdel(stream, ids);
        redis.await(acked);
        redis.await(deleted);
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                log.debug("Closing the connection of {} failed", stream, e);
            }
            connection = null;
        }
    }

    /** Waits, but not past a stop. */
    private void pause(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long left;
        while (running.getAsBoolean() && (left = end - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, MIN_BACKOFF.toNanos()));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
