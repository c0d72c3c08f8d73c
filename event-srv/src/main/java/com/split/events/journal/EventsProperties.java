package com.split.events.journal;

import com.split.tasks.QueueName;
import com.split.tasks.streams.StreamGroupConsumer;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * event-srv settings: the journal's, and how much one posted request may carry.
 *
 * @param queues the queues whose {@code split:{Q}:events} streams are journalled
 * @param group the consumer group every event-srv instance shares, so each entry is journalled by one of them
 * @param consumerName this instance's consumer in the group; {@code <application>-<host>-<random>} when unset
 * @param batchSize most entries read, written and acknowledged at once
 * @param writers the transactions a batch is split into, by task, written at once on connections of their own; a batch
 *     has one part per 64 entries at most, so a short batch is written in one
 * @param block how long one read waits for new entries
 * @param claimIdle how long an entry may stay unacknowledged with another consumer before this one takes it over
 * @param claimInterval how often pending entries of other consumers are looked for
 * @param maxBackoff the longest wait between attempts while Redis or MySQL are unavailable
 * @param statsInterval how often each stream's lag, pending count and oldest entry are read for the gauges
 * @param retention what the journal deletes, and when; by default nothing
 * @param maxRequestSize the largest request body the API reads (1B to under 2GB); a larger one is a 413
 * @param maxEventsPerRequest the most events one {@code POST /api/events} may carry; each may create a task in the
 *     journal, so this bounds what one request can add
 */
@ConfigurationProperties("split.events")
public record EventsProperties(
        @DefaultValue({"orchestrator_tasks", "yahoo_tasks", "init_filter_tasks", "final_sel_tasks", "portfolio_tasks"})
        List<String> queues,

        @DefaultValue("event-srv") String group,
        @Nullable String consumerName,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("2") int writers,
        @DefaultValue("1s") Duration block,
        @DefaultValue("60s") Duration claimIdle,
        @DefaultValue("30s") Duration claimInterval,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("5s") Duration statsInterval,
        @DefaultValue Retention retention,
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("1000") int maxEventsPerRequest)
        implements StreamGroupConsumer.Configured {

    /** The journalled queues, validated. */
    public List<QueueName> queueNames() {
        return queues.stream().map(queue -> QueueName.of(queue.trim())).toList();
    }

    public EventsProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("split.events.batch-size must be at least 1");
        }
        if (writers < 1 || writers > 16) {
            throw new IllegalArgumentException("split.events.writers must be between 1 and 16");
        }
        if (block.isNegative() || block.isZero()) {
            throw new IllegalArgumentException("split.events.block must be positive");
        }
        if (statsInterval.isNegative() || statsInterval.isZero()) {
            throw new IllegalArgumentException("split.events.stats-interval must be positive");
        }
        if (maxRequestSize.toBytes() < 1 || maxRequestSize.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("split.events.max-request-size must be at least 1B and less than 2GB");
        }
        if (maxEventsPerRequest < 1) {
            throw new IllegalArgumentException("split.events.max-events-per-request must be at least 1");
        }
    }

    /**
     * Retention of the journal. Unset ages keep everything: nothing is deleted unless an operator asks for it.
     *
     * @param tasks age of a terminal status after which the task and its events are deleted
     * @param rejectedEvents age after which a {@code rejected_events} row is deleted
     * @param interval how often old rows are looked for
     * @param batchSize most tasks (with their events) or rejected entries deleted in one transaction
     */
    record Retention(
            @Nullable Duration tasks,
            @Nullable Duration rejectedEvents,
            @DefaultValue("1h") Duration interval,
            @DefaultValue("1000") int batchSize) {

        Retention {
            if (tasks != null && (tasks.isNegative() || tasks.isZero())) {
                throw new IllegalArgumentException("split.events.retention.tasks must be positive");
            }
            if (rejectedEvents != null && (rejectedEvents.isNegative() || rejectedEvents.isZero())) {
                throw new IllegalArgumentException("split.events.retention.rejected-events must be positive");
            }
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("split.events.retention.interval must be positive");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("split.events.retention.batch-size must be at least 1");
            }
        }

        boolean enabled() {
            return tasks != null || rejectedEvents != null;
        }
    }
}
