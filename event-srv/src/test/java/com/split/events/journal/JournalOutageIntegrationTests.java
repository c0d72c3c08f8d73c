package com.split.events.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.events.EventStreams;
import com.split.tasks.QueueName;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.test.MariaDbServerProcess;
import com.split.tasks.test.SplitTestRedis;
import com.split.tasks.test.TaskEnvelopes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The journal through a real MariaDB outage: a private {@code mariadbd} is shut down for 30 s, then started again,
 * while tasks keep being published. The shared Redis carries the bus; the shared MySQL plays no part.
 */
@SpringBootTest(
        properties = {
            "split.events.queues=test_tasks",
            "split.events.max-backoff=2s",
            // In milliseconds: Hikari binds plain longs. A borrow gives up after 2 s (not 30) while the server is
            // down, so the ingestor's backoff paces the retries; the validation of a pooled connection must be shorter.
            "spring.datasource.hikari.connection-timeout=2000",
            "spring.datasource.hikari.validation-timeout=1000"
        })
@Import({SplitTestRedis.class, JournalOutageIntegrationTests.PrivateMariaDb.class, EventStreams.class})
class JournalOutageIntegrationTests {

    static final QueueName QUEUE = TaskEnvelopes.TEST_TASK.queue();
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final Duration PUBLISH_INTERVAL = Duration.ofMillis(50);

    /** Each publish emits task_created and task_queued; nothing else runs the test queue's tasks. */
    static final int EVENTS_PER_TASK = 2;

    @TestConfiguration(proxyBeanMethods = false)
    static class PrivateMariaDb {

        // closed after the DataSource, which depends on it through the connection details
        @Bean(destroyMethod = "close")
        MariaDbServerProcess mariaDbServerProcess() {
            return MariaDbServerProcess.start();
        }

        @Bean
        JdbcConnectionDetails privateMariaDbConnectionDetails(MariaDbServerProcess server) {
            return server.connectionDetails();
        }
    }

    @Autowired
    MariaDbServerProcess mariaDb;

    @Autowired
    TaskPublisher publisher;

    @Autowired
    EventStreams streams;

    @Autowired
    JdbcClient jdbc;

    private final AtomicLong emitted = new AtomicLong();

    @Test
    void losesNoEventWhileMariaDbIsDownAndResumesByItself() throws InterruptedException {
        ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
        try {
            Future<?> publishing = stream.scheduleAtFixedRate(
                    () -> {
                        publisher.publish(TaskEnvelopes.testTask().build());
                        emitted.addAndGet(EVENTS_PER_TASK);
                    },
                    0,
                    PUBLISH_INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);
            await().atMost(PATIENCE).until(() -> journalled() > 0);

            mariaDb.stop();
            long emittedBeforeOutage = emitted.get();
            // Nothing emitted after the server went down can be journalled, so none of it may leave the stream.
            await().pollDelay(OUTAGE)
                    .atMost(OUTAGE.plusSeconds(5))
                    .until(() -> streams.length(QUEUE) >= emitted.get() - emittedBeforeOutage);
            mariaDb.restart();

            long emittedBeforeRestart = emitted.get();
            // ignoreExceptions: the pool may still hand this query a connection the restart broke
            await().atMost(PATIENCE).ignoreExceptions().until(() -> journalled() >= emittedBeforeRestart);
            assertThat(publishing).as("the stream kept flowing").isNotDone();
        } finally {
            stream.shutdown();
            assertThat(stream.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        long total = emitted.get();
        await().atMost(PATIENCE).until(() -> journalled() == total && streams.length(QUEUE) == 0);
        assertThat(streams.pending(QUEUE)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT task_id) FROM events_log")
                        .query(Long.class)
                        .single())
                .isEqualTo(total / EVENTS_PER_TASK);
    }

    private long journalled() {
        return jdbc.sql("SELECT COUNT(*) FROM events_log").query(Long.class).single();
    }
}
