package com.split.events.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.events.EventStreams;
import com.split.tasks.EventType;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.TaskEnvelopes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The journal's meters while a real worker's events are journalled into a real Redis and MariaDB/MySQL. */
@SplitIntegrationTest(properties = {"split.events.queues=test_tasks", "split.events.stats-interval=100ms"})
@Import(EventStreams.class)
class JournalMetricsIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @TestConfiguration(proxyBeanMethods = false)
    static class Worker {

        @Bean
        TaskHandler okHandler() {
            return TaskHandler.of(TaskEnvelopes.TEST_TASK, (task, context) -> TaskOutcome.success());
        }
    }

    @Autowired
    TaskPublisher publisher;

    @Autowired
    EventStreams streams;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    @Test
    void countsTheEventsItJournalsAndShowsNoLagOnceCaughtUp() {
        double before = journalled();
        for (int i = 0; i < 20; i++) {
            publisher.publish(TaskEnvelopes.testTask().build());
        }

        // five events per task: created, queued, received, started, succeeded
        await().atMost(PATIENCE).until(() -> journalled() - before == 100);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM events_log").query(Long.class).single())
                .isGreaterThanOrEqualTo(100);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(gauge("split.events.lag")).isZero();
            assertThat(gauge("split.events.pending")).isZero();
            assertThat(gauge("split.events.oldest.age")).isZero();
        });
        assertThat(registry.get("split.events.batch.size")
                        .tag("queue", "test_tasks")
                        .summary()
                        .totalAmount())
                .isGreaterThanOrEqualTo(100);
        assertThat(registry.get("split.events.write")
                        .tag("queue", "test_tasks")
                        .timer()
                        .count())
                .isPositive();
    }

    @Test
    void showsWhatWaitsWhileMysqlRefusesTheBatch() {
        TaskEnvelope task = TaskEnvelopes.testTask().build();
        jdbc.sql("RENAME TABLE events_log TO events_log_offline").update();
        try {
            streams.append(task, TaskEvent.of(EventType.TASK_CREATED, task, Instant.now()), true);

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(gauge("split.events.pending")).isEqualTo(1);
                assertThat(gauge("split.events.oldest.age")).isPositive();
            });
        } finally {
            jdbc.sql("RENAME TABLE events_log_offline TO events_log").update();
        }

        await().atMost(PATIENCE).until(() -> gauge("split.events.pending") == 0);
        assertThat(gauge("split.events.lag")).isZero();
    }

    private double journalled() {
        return registry.get("split.events.journalled")
                .tag("queue", "test_tasks")
                .counter()
                .count();
    }

    private double gauge(String name) {
        return registry.get(name).tag("queue", "test_tasks").gauge().value();
    }
}
