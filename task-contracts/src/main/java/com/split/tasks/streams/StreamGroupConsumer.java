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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads Redis streams as a member of a consumer group and hands each batch to a {@link Handler} that stores it
 * durably. Entries are acknowledged and deleted only after the handler returns, so a crash or a database outage loses
 * nothing: the batch is read again (this consumer's pending entries first, or another instance's claim after
 * {@code claimIdle}) and handled again, which the handler makes harmless by being idempotent.
 *
 * <p>One platform thread and one blocking connection per stream. Failures back off exponentially up to
 * {@code maxBackoff} and are retried for as long as the consumer runs.
 */
public final class StreamGroupConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamGroupConsumer.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);

    /**
     * @param group the consumer group every instance shares, so each entry is handled by one of them
     * @param consumerName this instance's consumer in the group
     * @param batchSize most entries read, handled and acknowledged at once
     * @param block how long one read waits for new entries
     * @param claimIdle how long an entry may stay unacknowledged with another consumer before this one takes it over
     * @param claimInterval how often pending entries of other consumers are looked for
     * @param maxBackoff the longest wait between attempts while Redis or the store is unavailable
     * @param statsInterval how often each stream's lag, pending count and oldest entry are read for {@link Stats}
     */
    public record Settings(
            String group,
            String consumerName,
            int batchSize,
            Duration block,
            Duration claimIdle,
            Duration claimInterval,
            Duration maxBackoff,
            Duration statsInterval) {

        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1");
            }
            if (block.isNegative() || block.isZero()) {
                throw new IllegalArgumentException("block must be positive");
            }
        }
    }

    /** Stores a batch durably before it is acknowledged. */
    @FunctionalInterface
    public interface Handler {

        /**
         * @param entries the batch, never empty; entries deleted from the stream after delivery are left out
         * @throws RuntimeException to have the batch delivered again after a backoff
         */
        void handle(String stream, List<StreamMessage<String, byte[]>> entries);
    }

    /** Receives each stream's figures every {@code statsInterval}, on a Redis I/O thread: must not block. */
    @FunctionalInterface
    public interface Stats {

        /**
         * @param lag entries the group has not read yet
         * @param pending entries read but not yet acknowledged
         * @param oldestAgeMillis age of the oldest entry still on the stream (handled entries are deleted), 0 if none
         */
        void update(String stream, long lag, long pending, long oldestAgeMillis);
    }

    private final String name;
    private final BusRedis redis;
    private final List<String> streams;
    private final Settings settings;
    private final Handler handler;
    private final Stats stats;
    private final int phase;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param name names the threads and the log lines, e.g. {@code journal}
     * @param phase the lifecycle phase: stop it after what produces the entries, before the store closes
     */
    public StreamGroupConsumer(
            String name,
            BusRedis redis,
            List<String> streams,
            Settings settings,
            Handler handler,
            Stats stats,
            int phase) {
        this.name = name;
        this.redis = redis;
        this.streams = List.copyOf(streams);
        this.settings = settings;
        this.handler = handler;
        this.stats = stats;
        this.phase = phase;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (String stream : streams) {
            Reader reader = new Reader(stream, settings.consumerName());
            threads.add(Thread.ofPlatform().name(name + "-" + stream).daemon().start(reader::run));
        }
        log.info("Consuming {} as {} of group {}", streams, settings.consumerName(), settings.group());
    }

    @Override
    public synchronized void stop() {
        running = false;
        long deadline = System.nanoTime()
                + settings.block().plus(redis.commandTimeout()).plusSeconds(1).toNanos();
        for (Thread thread : threads) {
            // No interrupt: it could cut a database write short. A blocking read ends within the block time.
            try {
                thread.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    /** The loop of one consumer on one stream. Confined to its thread. */
    private final class Reader {

        private final String stream;
        private final Consumer<String> consumer;
        private BusRedis.@Nullable Connection connection;
        private boolean groupReady;
        private boolean ownPendingFirst = true; // entries delivered to this consumer but not yet acknowledged
        private long nextClaimNanos = System.nanoTime();
        private long nextStatsNanos = System.nanoTime();
        private Duration backoff = MIN_BACKOFF;

        Reader(String stream, String consumerName) {
            this.stream = stream;
            this.consumer = Consumer.from(settings.group(), consumerName);
        }

        void run() {
            while (running) {
                try {
                    step();
                    backoff = MIN_BACKOFF;
                } catch (RuntimeException e) {
                    if (!running) {
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
                        consumer,
                        XReadArgs.Builder.count(settings.batchSize()),
                        XReadArgs.StreamOffset.from(stream, "0")));
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
                        XReadArgs.StreamOffset.from(stream, "0"),
                        settings.group(),
                        XGroupCreateArgs.Builder.mkstream()));
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
            var oldest = commands.xrange(stream, Range.create("-", "+"), Limit.from(1))
                    .toCompletableFuture();
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
            } while (running && !"0-0".equals(start));
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
    }

    /** Waits, but not past a stop. */
    private void pause(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long left;
        while (running && (left = end - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, MIN_BACKOFF.toNanos()));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
