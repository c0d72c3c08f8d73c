package com.split.events.journal;

import com.split.tasks.QueueName;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.codec.TaskCodec;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Reads every configured queue's events stream as a member of the {@code event-srv} consumer group and journals what
 * it reads: one thread and one blocking connection per queue. Entries are acknowledged and deleted only after their
 * batch is committed, so a crash or a MySQL outage loses nothing: the batch is read again (this instance's pending
 * entries, or another instance's claim after {@code claim-idle}) and written again, which the journal's idempotence
 * makes harmless.
 */
class JournalIngestor implements SmartLifecycle {

    /** Stops after the bus's workers, so the events of their last tasks still get read while they wind down. */
    static final int PHASE = Integer.MAX_VALUE - 8192;

    private static final Logger log = LoggerFactory.getLogger(JournalIngestor.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);

    private final BusRedis redis;
    private final RedisKeys keys;
    private final TaskCodec codec;
    private final JournalRepository journal;
    private final EventsProperties properties;
    private final JournalMetrics metrics;
    private final String consumerName;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    JournalIngestor(
            BusRedis redis,
            RedisKeys keys,
            TaskCodec codec,
            JournalRepository journal,
            EventsProperties properties,
            JournalMetrics metrics,
            String consumerName) {
        this.redis = redis;
        this.keys = keys;
        this.codec = codec;
        this.journal = journal;
        this.properties = properties;
        this.metrics = metrics;
        this.consumerName = consumerName;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (QueueName name : properties.queueNames()) {
            threads.add(Thread.ofPlatform()
                    .name("journal-" + name.value())
                    .daemon()
                    .start(() -> new QueueReader(name).run()));
        }
        log.info(
                "Journalling events of {} as consumer {} of group {}",
                properties.queues(),
                consumerName,
                properties.group());
    }

    @Override
    public synchronized void stop() {
        running = false;
        long deadline = System.nanoTime()
                + properties.block().plus(redis.commandTimeout()).plusSeconds(1).toNanos();
        for (Thread thread : threads) {
            // No interrupt: it could cut a MySQL write short. A blocking read ends within split.events.block.
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
        return PHASE;
    }

    /** The loop of one queue. Confined to its thread. */
    private final class QueueReader {

        private final QueueName queue;
        private final String stream;
        private final Consumer<String> consumer;
        private final JournalMetrics.Queue meters;
        private BusRedis.@Nullable Connection connection;
        private boolean groupReady;
        private boolean ownPendingFirst = true; // entries delivered to this consumer but not yet acknowledged
        private long nextClaimNanos = System.nanoTime();
        private long nextStatsNanos = System.nanoTime();
        private Duration backoff = MIN_BACKOFF;

        QueueReader(QueueName queue) {
            this.queue = queue;
            this.stream = keys.events(queue);
            this.consumer = Consumer.from(properties.group(), consumerName);
            this.meters = metrics.queue(queue);
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
                    log.warn("Journalling {} failed, trying again in {}: {}", stream, backoff, e.toString());
                    ownPendingFirst = true; // what this consumer holds is written again before anything new
                    closeConnection();
                    pause(backoff);
                    backoff = min(backoff.multipliedBy(2), properties.maxBackoff());
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
                nextStatsNanos = System.nanoTime() + properties.statsInterval().toNanos();
            }
            if (System.nanoTime() - nextClaimNanos >= 0) {
                claimAbandoned(commands);
                nextClaimNanos = System.nanoTime() + properties.claimInterval().toNanos();
            }
            if (ownPendingFirst) {
                List<StreamMessage<String, byte[]>> pending = redis.await(commands.xreadgroup(
                        consumer,
                        XReadArgs.Builder.count(properties.batchSize()),
                        XReadArgs.StreamOffset.from(stream, "0")));
                if (pending.isEmpty()) {
                    ownPendingFirst = false;
                } else {
                    journal(commands, pending);
                }
                return;
            }
            List<StreamMessage<String, byte[]>> fresh = BusRedis.await(
                    commands.xreadgroup(
                            consumer,
                            XReadArgs.Builder.count(properties.batchSize())
                                    .block(properties.block().toMillis()),
                            XReadArgs.StreamOffset.lastConsumed(stream)),
                    properties.block().plus(redis.commandTimeout()));
            journal(commands, fresh);
        }

        private void createGroup(RedisClusterAsyncCommands<String, byte[]> commands) {
            try {
                // From 0, not $: events published before event-srv first started are journalled too.
                redis.await(commands.xgroupCreate(
                        XReadArgs.StreamOffset.from(stream, "0"),
                        properties.group(),
                        XGroupCreateArgs.Builder.mkstream()));
                log.info("Created consumer group {} on {}", properties.group(), stream);
            } catch (RedisCommandExecutionException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                    throw e;
                }
                // another instance, or an earlier run, created it
            }
        }

        /**
         * Sets the stream's gauges, without waiting for the replies: they arrive before the next read's, and ingestion
         * never waits for them. Journalled entries are deleted, so the stream's first entry is the oldest one not yet
         * journalled, and its length less the pending entries is the lag where Redis cannot tell it (before Redis 7,
         * or with deleted entries after the group's position).
         */
        private void readStats(RedisClusterAsyncCommands<String, byte[]> commands) {
            var groups = commands.xinfoGroups(stream).toCompletableFuture();
            var length = commands.xlen(stream).toCompletableFuture();
            var oldest = commands.xrange(stream, Range.create("-", "+"), Limit.from(1))
                    .toCompletableFuture();
            CompletableFuture.allOf(groups, length, oldest).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    log.debug("Reading the stats of {} failed", stream, failure);
                    return;
                }
                Map<String, @Nullable Object> group = group(groups.join());
                long pending = group.get("pending") instanceof Long count ? count : 0;
                long lag = group.get("lag") instanceof Long count ? count : Math.max(0, length.join() - pending);
                long age = oldest.join().isEmpty()
                        ? 0
                        : Math.max(
                                0,
                                System.currentTimeMillis()
                                        - entryMillis(oldest.join().getFirst().getId()));
                meters.stream(lag, pending, age);
            });
        }

        /** This group's line of {@code XINFO GROUPS}: names and values, with bulk strings as byte arrays. */
        private Map<String, @Nullable Object> group(List<Object> groups) {
            for (Object line : groups) {
                Map<String, @Nullable Object> fields = new HashMap<>();
                List<?> pairs = (List<?>) line;
                for (int i = 0; i + 1 < pairs.size(); i += 2) {
                    fields.put(text(pairs.get(i)), pairs.get(i + 1));
                }
                if (properties.group().equals(text(fields.get("name")))) {
                    return fields;
                }
            }
            return Map.of();
        }

        /** Takes over what other consumers (dead instances) left unacknowledged for longer than claim-idle. */
        private void claimAbandoned(RedisClusterAsyncCommands<String, byte[]> commands) {
            String start = "0-0";
            do {
                ClaimedMessages<String, byte[]> claimed = redis.await(commands.xautoclaim(
                        stream,
                        XAutoClaimArgs.Builder.xautoclaim(consumer, properties.claimIdle(), start)
                                .count(properties.batchSize())));
                if (!claimed.getMessages().isEmpty()) {
                    log.info(
                            "Claimed {} abandoned entries of {}",
                            claimed.getMessages().size(),
                            stream);
                    journal(commands, claimed.getMessages());
                }
                start = claimed.getId();
            } while (running && !"0-0".equals(start));
        }

        private void journal(
                RedisClusterAsyncCommands<String, byte[]> commands, List<StreamMessage<String, byte[]>> messages) {
            if (messages.isEmpty()) {
                return;
            }
            List<JournalEntry> entries = new ArrayList<>(messages.size());
            String[] ids = new String[messages.size()];
            for (int i = 0; i < messages.size(); i++) {
                StreamMessage<String, byte[]> message = messages.get(i);
                ids[i] = message.getId();
                if (message.getBody() == null || message.getBody().isEmpty()) {
                    continue; // deleted from the stream after it was delivered: nothing left to journal
                }
                entries.add(decode(message));
            }
            long start = System.nanoTime();
            List<JournalEntry> written = write(entries);
            meters.write().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            // Journalled in MySQL now; the stream would otherwise keep every event forever. One round trip for both.
            var acked = commands.xack(stream, properties.group(), ids);
            var deleted = commands.xdel(stream, ids);
            redis.await(acked);
            redis.await(deleted);
            meters.written(written.size(), (int) written.stream()
                    .filter(JournalEntry.Event.class::isInstance)
                    .count());
        }

        private JournalEntry decode(StreamMessage<String, byte[]> message) {
            Map<String, String> fields = new LinkedHashMap<>();
            message.getBody().forEach((name, value) -> fields.put(name, new String(value, StandardCharsets.UTF_8)));
            try {
                var decoded = codec.fromStreamFields(queue, fields);
                return new JournalEntry.Event(
                        message.getId(),
                        decoded.event(),
                        decoded.envelope(),
                        decoded.envelope() == null ? null : fields.get("envelope"));
            } catch (RuntimeException e) {
                return reject(message.getId(), fields, e.getMessage());
            }
        }

        private JournalEntry.Rejected reject(String entryId, Map<String, String> fields, @Nullable String reason) {
            String why = reason == null ? "unreadable entry" : reason;
            log.warn("Rejected entry {} of {}: {}", entryId, stream, why);
            return new JournalEntry.Rejected(entryId, queue, fields, why);
        }

        /**
         * Writes the batch; when MySQL refuses its data (a value too long for its column), writes the entries one by
         * one and rejects those it refuses, so one bad entry never blocks the stream. Outages propagate: retried.
         *
         * @return the entries as written: an event MySQL refused became a rejected entry
         */
        private List<JournalEntry> write(List<JournalEntry> entries) {
            try {
                journal.write(entries);
                return entries;
            } catch (DataIntegrityViolationException batchRefused) {
                List<JournalEntry> written = new ArrayList<>(entries.size());
                for (JournalEntry entry : entries) {
                    try {
                        journal.write(List.of(entry));
                        written.add(entry);
                    } catch (DataIntegrityViolationException refused) {
                        if (entry instanceof JournalEntry.Event event) {
                            Map<String, String> fields = new LinkedHashMap<>();
                            fields.put("event", codec.encodeEvent(event.event()));
                            JournalEntry.Rejected rejected = reject(
                                    entry.entryId(),
                                    fields,
                                    "refused by MySQL: "
                                            + refused.getMostSpecificCause().getMessage());
                            journal.write(List.of(rejected));
                            written.add(rejected);
                        } else {
                            throw refused;
                        }
                    }
                }
                return written;
            }
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

    private static String text(@Nullable Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    /** The milliseconds part of a stream entry id: when Redis added it. */
    private static long entryMillis(String entryId) {
        int dash = entryId.indexOf('-');
        return Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
