package com.split.tasks.autoconfigure;

import com.split.tasks.bus.worker.RetryPolicy;
import com.split.tasks.bus.worker.WorkerSettings;
import java.time.Duration;
import java.util.List;
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
        @DefaultValue Publish publish) {

    public TaskBusProperties {
        Duration beat = worker.heartbeatInterval().plus(commandTimeout);
        if (worker.lease().compareTo(beat.multipliedBy(2)) < 0) {
            // A reaper trusts heartbeats again one lease after an outage (ReapGate): each live worker must have beaten
            // by then, even with its first beat stuck for a command timeout.
            throw new IllegalArgumentException(
                    "split.bus.worker.lease (%s) must be at least twice split.bus.worker.heartbeat-interval (%s) plus split.bus.command-timeout (%s), or live workers lose their tasks after a Redis outage"
                            .formatted(worker.lease(), worker.heartbeatInterval(), commandTimeout));
        }
    }

    /**
     * @param dedupeTtl how long an idempotency key keeps a second publish out
     * @param waitForReplicas replicas that must have each publish before it returns (WAIT); 0 waits for none
     * @param waitTimeout how long a publish waits for them
     */
    public record Publish(
            @DefaultValue("24h") Duration dedupeTtl,
            @DefaultValue("0") int waitForReplicas,
            @DefaultValue("100ms") Duration waitTimeout) {}
}
