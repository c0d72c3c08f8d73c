package com.split.tasks.streams;

import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.InstanceNames;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

        /** The settings a service configured, its consumer named {@code <application>-<host>-<random>} if unnamed. */
        public static Settings of(Configured configured, String application) {
            String consumer =
                    configured.consumerName() != null ? configured.consumerName() : InstanceNames.unique(application);
            return new Settings(
                    configured.group(),
                    consumer,
                    configured.batchSize(),
                    configured.block(),
                    configured.claimIdle(),
                    configured.claimInterval(),
                    configured.maxBackoff(),
                    configured.statsInterval());
        }
    }

    /**
     * A service's configuration properties of its consumer: the components of {@link Settings} under the same names,
     * which a properties record implements by having them.
     */
    public interface Configured {

        String group();

        /** Null for a name unique to the process. */
        @Nullable
        String consumerName();

        int batchSize();

        Duration block();

        Duration claimIdle();

        Duration claimInterval();

        Duration maxBackoff();

        Duration statsInterval();
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
    StreamGroupConsumer(
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
            StreamReader reader = new StreamReader(redis, stream, settings, handler, stats, () -> running);
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
}
