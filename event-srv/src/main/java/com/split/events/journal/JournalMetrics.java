package com.split.events.journal;

import com.split.tasks.QueueName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The journal's meters, lower-case and dot-separated: {@code split.events.journalled{queue}},
 * {@code split.events.rejected{queue}}, {@code split.events.batch.size{queue}}, {@code split.events.write{queue}},
 * {@code split.events.lag{queue}}, {@code split.events.pending{queue}}, {@code split.events.oldest.age{queue}} and
 * {@code split.events.retention.deleted{table}}. A reader registers its queue's meters once and records without
 * lookups.
 */
final class JournalMetrics {

    private final MeterRegistry registry;
    private final Map<QueueName, Queue> queues = new ConcurrentHashMap<>();

    JournalMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The queue's meters, registered once: a reader started again sets the gauges the registry holds. */
    Queue queue(QueueName queue) {
        return queues.computeIfAbsent(queue, name -> new Queue(registry, name.value()));
    }

    void deleted(String table, long rows) {
        Counter.builder("split.events.retention.deleted")
                .description("Journal rows deleted by the retention")
                .tag("table", table)
                .register(registry)
                .increment(rows);
    }

    /** The meters of one queue's events stream. Gauges hold what the reader last read from Redis. */
    static final class Queue {

        private final Counter journalled;
        private final Counter rejected;
        private final DistributionSummary batchSize;
        private final Timer write;
        private final AtomicLong lag = new AtomicLong();
        private final AtomicLong pending = new AtomicLong();
        private final AtomicLong oldestAgeMillis = new AtomicLong();

        private Queue(MeterRegistry registry, String queue) {
            journalled = Counter.builder("split.events.journalled")
                    .description("Events written to the journal and acknowledged (redeliveries included)")
                    .tag("queue", queue)
                    .register(registry);
            rejected = Counter.builder("split.events.rejected")
                    .description("Stream entries kept in rejected_events")
                    .tag("queue", queue)
                    .register(registry);
            batchSize = DistributionSummary.builder("split.events.batch.size")
                    .description("Stream entries written in one transaction")
                    .tag("queue", queue)
                    .register(registry);
            write = Timer.builder("split.events.write")
                    .description("Time to write one batch to the database, commit included")
                    .tag("queue", queue)
                    .register(registry);
            Gauge.builder("split.events.lag", lag, AtomicLong::get)
                    .description("Entries of the events stream the consumer group has not read yet")
                    .tag("queue", queue)
                    .register(registry);
            Gauge.builder("split.events.pending", pending, AtomicLong::get)
                    .description("Entries read but not yet journalled and acknowledged")
                    .tag("queue", queue)
                    .register(registry);
            Gauge.builder("split.events.oldest.age", oldestAgeMillis, millis -> millis.get() / 1e3)
                    .description("Age of the oldest entry not yet journalled, by its stream id")
                    .tag("queue", queue)
                    .baseUnit("seconds")
                    .register(registry);
        }

        Timer write() {
            return write;
        }

        void written(int entries, int events) {
            batchSize.record(entries);
            journalled.increment(events);
            rejected.increment(entries - events);
        }

        void stream(long lag, long pending, long oldestAgeMillis) {
            this.lag.set(lag);
            this.pending.set(pending);
            this.oldestAgeMillis.set(oldestAgeMillis);
        }
    }
}
