package com.split.events.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.events.EventStreams;
import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.streams.StreamGroupConsumer;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.TaskEnvelopes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writers of the journal at once against a real MariaDB/MySQL: the parts of one batch, the batches of several
 * instances that share new tasks, and one batch delivered to two of them.
 */
@SplitIntegrationTest(properties = {"split.events.queues=test_tasks", "split.events.writers=2"})
@Import(EventStreams.class)
class JournalConcurrencyIntegrationTests {

    static final QueueName QUEUE = TaskEnvelopes.TEST_TASK.queue();
    static final List<EventType> LIFE = List.of(
            EventType.TASK_CREATED,
            EventType.TASK_QUEUED,
            EventType.TASK_RECEIVED,
            EventType.TASK_STARTED,
            EventType.TASK_SUCCEEDED);

    @Autowired
    JournalRepository journal;

    @Autowired
    TaskCodec codec;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStreams streams;

    @Autowired
    StreamGroupConsumer journalConsumer;

    @Test
    void batchesSharingNewTasksWrittenAtOnceLeaveEveryTaskWhole() throws Exception {
        List<TaskEnvelope> tasks = tasks(100);
        List<JournalEntry> events = new ArrayList<>();
        tasks.forEach(task -> events.addAll(life(task)));
        Collections.shuffle(events, new Random(7));
        List<List<JournalEntry>> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batches.add(new ArrayList<>());
        }
        for (int i = 0; i < events.size(); i++) {
            batches.get(i % batches.size()).add(events.get(i));
        }

        writeAtOnce(batches);

        tasks.forEach(this::assertWhole);
    }

    @Test
    void aBatchOfNewTasksDeliveredTwiceAndWrittenTwiceAtOnceIsJournalledOnce() throws Exception {
        List<TaskEnvelope> tasks = tasks(50);
        List<JournalEntry> batch = new ArrayList<>();
        tasks.forEach(task -> batch.addAll(life(task)));

        writeAtOnce(List.of(batch, batch, batch));

        tasks.forEach(this::assertWhole);
    }

    @Test
    void aBacklogIsJournalledInPartsAndWhole() {
        List<TaskEnvelope> tasks = tasks(300);
        journalConsumer.stop();
        try {
            // written while nobody reads: the next read takes them as one batch, which the journal splits
            Instant now = Instant.now();
            for (TaskEnvelope task : tasks) {
                streams.append(
                        QUEUE, codec.streamFields(TaskEvent.of(EventType.TASK_CREATED, task, now), codec.encode(task)));
            }
        } finally {
            journalConsumer.start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> streams.length(QUEUE) == 0);
        for (TaskEnvelope task : tasks) {
            assertThat(status(task)).isEqualTo("PENDING");
        }
    }

    /** Each batch on a thread of its own, all released at once; retried, as the reader does, when MySQL says so. */
    private void writeAtOnce(List<List<JournalEntry>> batches) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(batches.size())) {
            List<Future<?>> written = new ArrayList<>();
            for (List<JournalEntry> batch : batches) {
                written.add(threads.submit(() -> {
                    start.await();
                    for (int attempt = 1; ; attempt++) {
                        try {
                            journal.write(batch);
                            return null;
                        } catch (TransientDataAccessException e) {
                            if (attempt == 5) {
                                throw e;
                            }
                        }
                    }
                }));
            }
            start.countDown();
            for (Future<?> future : written) {
                future.get();
            }
        }
    }

    private void assertWhole(TaskEnvelope task) {
        Map<String, Object> row = jdbc.sql(
                        "SELECT status, status_rank, user_id, session_id, envelope FROM tasks WHERE task_id = :id")
                .param("id", task.taskId().toString())
                .query()
                .singleRow();
        assertThat(row)
                .containsEntry("status", "SUCCESS")
                .containsEntry("status_rank", 5)
                .containsEntry("session_id", "session-test");
        assertThat(row.get("envelope")).isNotNull();
        assertThat(jdbc.sql("SELECT event_type FROM events_log WHERE task_id = :id")
                        .param("id", task.taskId().toString())
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(
                        "task_created", "task_queued", "task_received", "task_started", "task_succeeded");
    }

    private String status(TaskEnvelope task) {
        return jdbc.sql("SELECT status FROM tasks WHERE task_id = :id")
                .param("id", task.taskId().toString())
                .query(String.class)
                .single();
    }

    private static List<TaskEnvelope> tasks(int count) {
        List<TaskEnvelope> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tasks.add(TaskEnvelopes.testTask().build());
        }
        return tasks;
    }

    /** A task's five events, a millisecond apart, with entry ids unique to the test. */
    private List<JournalEntry> life(TaskEnvelope task) {
        Instant at = Instant.parse("2026-01-02T03:04:05.006Z");
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < LIFE.size(); i++) {
            EventType type = LIFE.get(i);
            boolean created = type == EventType.TASK_CREATED;
            entries.add(new JournalEntry.Event(
                    UUID.randomUUID().toString(),
                    TaskEvent.of(type, task, at.plusMillis(i)),
                    created ? task : null,
                    created ? new String(codec.encode(task), StandardCharsets.UTF_8) : null));
        }
        return entries;
    }
}
