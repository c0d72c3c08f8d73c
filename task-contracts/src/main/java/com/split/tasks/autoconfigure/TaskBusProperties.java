package com.split.tasks.autoconfigure;

import com.split.tasks.QueueName;
import com.split.tasks.TaskPriority;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.schedule.MissedRuns;
import com.split.tasks.bus.worker.RetryPolicy;
import com.split.tasks.bus.worker.WorkerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Task bus settings ({@code split.bus.*}).
 *
 * @param keyPrefix first segment of every Redis key; tests use a unique one per run
 * @param workerId this instance's worker id; by default the application name, host and a random suffix
 * @param queues the queues this instance consumes, narrowing those its handlers cover (Celery's {@code --queues})
 * @param maxEnvelopeSize the largest envelope published or run; larger ones are rejected or dead-lettered
 * @param commandTimeout how long the bus waits for one Redis reply before it treats Redis as unavailable
 * @param worker how this instance's workers run
 * @param retry the backoff of failed tasks
 * @param publish how publishes are confirmed and deduplicated
 * @param scheduler whether and how this instance publishes recurring schedules' runs
 * @param schedules recurring schedules defined in this application's configuration, by name
 */
@ConfigurationProperties("split.bus")
public record TaskBusProperties(
        @DefaultValue("split") String keyPrefix,
        @Nullable String workerId,
        @DefaultValue List<String> queues,
        @DefaultValue("256KB") DataSize maxEnvelopeSize,
        @DefaultValue("5s") Duration commandTimeout,
        @DefaultValue @NestedConfigurationProperty WorkerSettings worker,
        @DefaultValue @NestedConfigurationProperty RetryPolicy retry,
        @DefaultValue Publish publish,
        @DefaultValue Scheduler scheduler,
        @DefaultValue Map<String, ConfiguredSchedule> schedules) {

    public TaskBusProperties {
        Duration beat = worker.heartbeatInterval().plus(commandTimeout);
        if (worker.lease().compareTo(beat.multipliedBy(2)) < 0) {
            // A reaper trusts heartbeats again one lease after an outage (ReapGate): each live worker must have beaten
            // by then, even with its first beat stuck for a command timeout.
            throw new IllegalArgumentException(
                    "split.bus.worker.lease (%s) must be at least twice split.bus.worker.heartbeat-interval (%s) plus split.bus.command-timeout (%s), or live workers lose their tasks after a Redis outage"
                            .formatted(worker.lease(), worker.heartbeatInterval(), commandTimeout));
        }
        if (!schedules.isEmpty() && !scheduler.enabled()) {
            throw new IllegalArgumentException(
                    "split.bus.schedules needs split.bus.scheduler.enabled=true: the scheduler puts them into Redis");
        }
    }

    /**
     * @param dedupeTtl how long an idempotency key keeps a second publish out
     * @param waitForReplicas replicas that must have each publish before it returns (WAIT), or with {@code
     *     waitForAof} have it in their AOF; 0 waits for none
     * @param waitForAof whether each publish waits until the primary's AOF has it on disk (WAITAOF; Redis 7.2 or
     *     later, with the AOF on), and the AOFs of {@code waitForReplicas} replicas
     * @param waitTimeout how long a publish waits for them
     */
    public record Publish(
            @DefaultValue("24h") Duration dedupeTtl,
            @DefaultValue("0") int waitForReplicas,
            @DefaultValue("false") boolean waitForAof,
            @DefaultValue("100ms") Duration waitTimeout) {

        public TaskPublisher.Durability durability() {
            return new TaskPublisher.Durability(waitForAof, waitForReplicas, waitTimeout);
        }
    }

    /**
     * @param enabled whether this instance publishes schedules' runs; any number of instances may, and each run is
     *     published once
     * @param pollInterval the longest a scheduler goes without looking for changed schedules
     * @param grace how late a run may be published and still be on time; a later one was missed
     */
    public record Scheduler(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("1m") Duration grace) {}

    /**
     * A schedule in the configuration ({@code split.bus.schedules.<name>.*}).
     *
     * @param cron a cron expression, five fields as in crontab or six with seconds first
     * @param zone the cron expression's time zone, UTC by default
     * @param every a fixed interval instead of a cron expression
     * @param missed what to do with runs missed while no scheduler ran: run-once or skip
     * @param task the task each run publishes
     */
    public record ConfiguredSchedule(
            @Nullable String cron,
            @Nullable String zone,
            @Nullable String every,
            @DefaultValue("run-once") MissedRuns missed,
            ConfiguredTask task) {

        /**
         * @param type the task type's wire name
         * @param queue its queue; only for a type that is not one of SPLit's own
         * @param targetModule the module that runs it, with the queue
         * @param userId the user it acts for
         * @param tickers its tickers
         * @param payload its payload, as a JSON object
         * @param maxRetries how many times it is retried
         * @param timeout how long one run may take
         * @param priority its priority on its queue: low by default, below what users start
         */
        public record ConfiguredTask(
                String type,
                @Nullable QueueName queue,
                @Nullable String targetModule,
                @Nullable String userId,
                @DefaultValue List<String> tickers,
                @Nullable String payload,
                @Nullable Integer maxRetries,
                @Nullable Duration timeout,
                @DefaultValue("low") TaskPriority priority) {}
    }
}
