package com.split.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.test.SplitIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * A run that outlives its two-second deadline, on real Redis: the stand-in fetch workers hold their tasks, two at a
 * time, the others wait in the queue.
 */
@SplitIntegrationTest(properties = {"split.orchestrator.run-timeout=2s", "split.bus.worker.concurrency=2"})
@Import(StandInWorkers.class)
class RunDeadlineIntegrationTests {

    @Autowired
    RunBus bus;

    @Autowired
    StandIns standIns;

    @Autowired
    RunStore store;

    @Autowired
    MeterRegistry meters;

    @Autowired
    BusRedis redis;

    @Autowired
    RedisKeys keys;

    @Test
    void runPastItsDeadlineEndsTimeoutAndItsTasksStillQueuedOrRunningAreCancelled() {
        String session = RunBus.newSession();
        StandIns.Parking parking = standIns.parkFetches(session);
        bus.refresh(session, RunIntegrationTests.TEN);

        JsonNode completed = bus.awaitCompleted(session);

        assertThat(completed.get("status").asString()).isEqualTo("TIMEOUT");
        assertThat(completed.get("reason").asString())
                .isEqualTo("the run did not finish within 2s; it was in step fetch");
        assertThat(completed.get("recommendations")).isEmpty();
        List<UUID> children = store.read(session, false).orElseThrow().children().stream()
                .map(ChildSpec::taskId)
                .toList();
        assertThat(children).hasSize(6);
        // The two that ran were interrupted, the four still queued were dropped when a worker would have taken them.
        await().atMost(StandIns.PATIENCE)
                .untilAsserted(() -> assertThat(bus.events().tasksWith(QueueName.YAHOO_TASKS, EventType.TASK_CANCELLED))
                        .containsAll(children));
        Set<UUID> ran = Stream.of(TaskType.FETCH_PRICES, TaskType.FETCH_FUNDAMENTALS)
                .flatMap(type -> standIns.received(session, type).stream())
                .map(TaskEnvelope::taskId)
                .collect(Collectors.toSet());
        assertThat(ran).hasSizeLessThanOrEqualTo(2).isSubsetOf(children);
        bus.assertEndedInFetch(session);
        assertThat(meters.get("split.orchestrator.runs")
                        .tag("status", "timeout")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(redis.await(redis.commands().pttl(store.keys(session).getFirst())))
                .isBetween(
                        Duration.ofDays(7).minusMinutes(1).toMillis(),
                        Duration.ofDays(7).toMillis());
        byte[] deadline = store.read(session, false)
                .orElseThrow()
                .deadlineTaskId()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        assertThat(redis.await(redis.commands().zscore(keys.cancelled(QueueName.ORCHESTRATOR_TASKS), deadline)))
                .as("a deadline does not cancel itself")
                .isNull();
        parking.release();
    }
}
