package com.split.events.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.events.EventStreams;
import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.streams.StreamGroupConsumer;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.TaskEnvelopes;
import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The journal against a real Redis and MariaDB/MySQL, fed by a real worker and by hand-written stream entries. */
@SplitIntegrationTest(
        properties = {
            "split.events.queues=test_tasks",
            "split.events.claim-interval=1s",
            "split.events.claim-idle=500ms"
        })
@Import(EventStreams.class)
class JournalIntegrationTests {

    static final QueueName QUEUE = TaskEnvelopes.TEST_TASK.queue();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @TestConfiguration(proxyBeanMethods = false)
    static class Worker {

        @Bean
        TaskHandler okHandler() {
            return TaskHandler.of(
                    TaskEnvelopes.TEST_TASK, (task, context) -> TaskOutcome.success(Map.of("attempt", task.attempt())));
        }
    }

    @Autowired
    TaskPublisher publisher;

    @Autowired
    BusRedis redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    TaskCodec codec;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStreams streams;

    @Autowired
    StreamGroupConsumer journalConsumer;

    @Test
    void journalsTheWholeHistoryOfATaskAWorkerRan() {
        TaskEnvelope task = TaskEnvelopes.testTask().userId("user_one").build();

        publisher.publish(task);

        await().atMost(PATIENCE).until(() -> "SUCCESS".equals(status(task.taskId())));
        assertThat(eventTypes(task.taskId()))
                .containsExactlyInAnyOrder(
                        "task_created", "task_queued", "task_received", "task_started", "task_succeeded");
        Map<String, Object> row = taskRow(task.taskId());
        assertThat(row)
                .containsEntry("task_type", "test_task")
                .containsEntry("queue", "test_tasks")
                .containsEntry("user_id", "user_one")
                .containsEntry("session_id", "session-test")
                .containsEntry("status_rank", 5);
        TaskEnvelope kept = codec.decode(((String) row.get("envelope")).getBytes(StandardCharsets.UTF_8));
        assertThat(kept.taskId()).isEqualTo(task.taskId());
        // events after task_created learn the user and session from it
        assertThat(jdbc.sql("SELECT DISTINCT user_id FROM events_log WHERE task_id = :id")
                        .param("id", task.taskId().toString())
                        .query(String.class)
                        .list())
                .containsExactly("user_one");
        await().atMost(PATIENCE).until(() -> streams.length(QUEUE) == 0);
    }

    @Test
    void writesAnEntryDeliveredTwiceOnce() {
        TaskEnvelope task = TaskEnvelopes.testTask().build();
        Map<String, String> created = fields(TaskEvent.of(EventType.TASK_CREATED, task, Instant.now()), task);

        xadd(created);
        xadd(created);

        await().atMost(PATIENCE).until(() -> streams.length(QUEUE) == 0);
        assertThat(eventTypes(task.taskId())).containsExactly("task_created");
        assertThat(status(task.taskId())).isEqualTo("PENDING");
    }

    @Test
    void keepsTheLatestStatusOfEventsReadOutOfOrder() {
        TaskEnvelope task = TaskEnvelopes.testTask().build();
        Instant start = Instant.parse("2026-01-02T03:04:05.006Z");

        xadd(fields(TaskEvent.of(EventType.TASK_SUCCEEDED, task, start.plusMillis(30)), null));
        xadd(fields(TaskEvent.of(EventType.TASK_STARTED, task, start.plusMillis(20)), null));
        xadd(fields(TaskEvent.of(EventType.TASK_RECEIVED, task, start.plusMillis(10)), null));
        xadd(fields(TaskEvent.of(EventType.TASK_CREATED, task, start), task));

        await().atMost(PATIENCE).until(() -> eventTypes(task.taskId()).size() == 4);
        Map<String, Object> row = taskRow(task.taskId());
        assertThat(row).containsEntry("status", "SUCCESS").containsEntry("session_id", "session-test");
        assertThat(row.get("envelope")).isNotNull();
    }

    @Test
    void laterAttemptsQueuedBeatsTheRetryOfTheAttemptBefore() {
        TaskEnvelope task = TaskEnvelopes.testTask().build();
        Instant start = Instant.parse("2026-01-02T03:04:05.006Z");
        TaskEvent retried = TaskEvent.of(EventType.TASK_RETRIED, task, start.plusMillis(20))
                .withAttempt(1)
                .withError(new TaskEvent.ErrorInfo("IllegalStateException", "boom"));

        xadd(fields(
                TaskEvent.of(EventType.TASK_QUEUED, task, start.plusMillis(30)).withAttempt(1), null));
        xadd(fields(retried, null));
        xadd(fields(TaskEvent.of(EventType.TASK_FAILED, task, start.plusMillis(10)), null));

        await().atMost(PATIENCE).until(() -> eventTypes(task.taskId()).size() == 3);
        assertThat(taskRow(task.taskId()))
                .containsEntry("status", "QUEUED")
                .containsEntry("attempts", 1)
                .containsEntry("last_error", "IllegalStateException: boom");
    }

    @Test
    void takesOverWhatADeadConsumerLeftUnacknowledged() {
        TaskEnvelope task = TaskEnvelopes.testTask().build();
        journalConsumer.stop();
        try {
            String entry = xadd(fields(TaskEvent.of(EventType.TASK_CREATED, task, Instant.now()), task));
            List<StreamMessage<String, byte[]>> taken = redis.await(redis.commands()
                    .xreadgroup(
                            Consumer.from("event-srv", "event-srv-dead-instance"),
                            XReadArgs.Builder.count(100),
                            XReadArgs.StreamOffset.lastConsumed(keys.events(QUEUE))));
            assertThat(taken).extracting(StreamMessage::getId).contains(entry);
        } finally {
            journalConsumer.start();
        }

        await().atMost(PATIENCE).until(() -> "PENDING".equals(status(task.taskId())));
        await().atMost(PATIENCE).until(() -> streams.length(QUEUE) == 0);
    }

    @Test
    void keepsABatchMysqlRefusedUntilItCanBeWritten() {
        TaskEnvelope task = TaskEnvelopes.testTask().build();
        jdbc.sql("RENAME TABLE events_log TO events_log_offline").update();
        try {
            xadd(fields(TaskEvent.of(EventType.TASK_CREATED, task, Instant.now()), task));

            // read, not journalled, not acknowledged: the entry stays on the stream while the write fails
            await().atMost(PATIENCE).until(() -> streams.pending(QUEUE) > 0);
            await().during(Duration.ofMillis(500))
                    .atMost(PATIENCE)
                    .until(() -> streams.length(QUEUE) > 0 && status(task.taskId()) == null);
        } finally {
            jdbc.sql("RENAME TABLE events_log_offline TO events_log").update();
        }

        await().atMost(PATIENCE).until(() -> "PENDING".equals(status(task.taskId())));
        assertThat(eventTypes(task.taskId())).containsExactly("task_created");
        await().atMost(PATIENCE).until(() -> streams.length(QUEUE) == 0);
    }

    @Test
    void rejectsAMalformedEntryAndJournalsTheEntriesAfterIt() {
        TaskEnvelope task = TaskEnvelopes.testTask().build();
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("event_id", UUID.randomUUID().toString());
        malformed.put("event_type", "task_exploded");
        malformed.put("task_id", task.taskId().toString());
        malformed.put("occurred_at", Instant.now().toString());

        String badEntry = xadd(malformed);
        xadd(fields(TaskEvent.of(EventType.TASK_CREATED, task, Instant.now()), task));

        await().atMost(PATIENCE).until(() -> "PENDING".equals(status(task.taskId())));
        Map<String, Object> rejected = jdbc.sql(
                        "SELECT queue, fields, reason FROM rejected_events WHERE entry_id = :id")
                .param("id", badEntry)
                .query()
                .singleRow();
        assertThat(rejected).containsEntry("queue", "test_tasks");
        assertThat((String) rejected.get("reason")).contains("task_exploded");
        assertThat((String) rejected.get("fields")).contains(task.taskId().toString());
        await().atMost(PATIENCE).until(() -> streams.length(QUEUE) == 0);
    }

    private Map<String, String> fields(TaskEvent event, TaskEnvelope envelope) {
        return codec.streamFields(event, envelope == null ? null : codec.encode(envelope));
    }

    private String xadd(Map<String, String> fields) {
        return streams.append(QUEUE, fields);
    }

    private String status(UUID taskId) {
        return jdbc
                .sql("SELECT status FROM tasks WHERE task_id = :id")
                .param("id", taskId.toString())
                .query(String.class)
                .list()
                .stream()
                .findFirst()
                .orElse(null);
    }

    private Map<String, Object> taskRow(UUID taskId) {
        return jdbc.sql("SELECT * FROM tasks WHERE task_id = :id")
                .param("id", taskId.toString())
                .query()
                .singleRow();
    }

    private List<String> eventTypes(UUID taskId) {
        return jdbc.sql("SELECT event_type FROM events_log WHERE task_id = :id ORDER BY occurred_at")
                .param("id", taskId.toString())
                .query(String.class)
                .list();
    }
}
