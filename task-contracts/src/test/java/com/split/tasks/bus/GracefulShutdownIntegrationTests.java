package com.split.tasks.bus;

import static com.split.tasks.bus.BusTestApplication.scripted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.test.SplitTestEnvironment;
import com.split.tasks.test.SplitTestRedis;
import com.split.tasks.test.TaskEnvelopes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A worker that shuts down stops fetching, lets short tasks finish, gives back the long ones for their next attempt
 * and removes its heartbeat. The worker is a second application context started by the test, so the test can close it.
 */
@SpringBootTest(classes = BusTestApplication.class, properties = "split.bus.worker.enabled=false")
@Import({SplitTestRedis.class, BusEvents.class})
class GracefulShutdownIntegrationTests {

    static final QueueName QUEUE = TaskEnvelopes.TEST_TASK.queue();

    @Autowired
    TaskPublisher publisher;

    @Autowired
    BusEvents bus;

    @Autowired
    BusRedis redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    LettuceConnectionFactory connectionFactory;

    @Autowired
    SplitTestEnvironment environment;

    @Test
    void shutdownFinishesShortTasksAndGivesBackLongOnes() {
        var standalone = connectionFactory.getStandaloneConfiguration();
        ConfigurableApplicationContext worker = new SpringApplicationBuilder(BusTestApplication.class)
                .properties(Map.<String, Object>of(
                        "spring.data.redis.host", standalone.getHostName(),
                        "spring.data.redis.port", standalone.getPort(),
                        "split.bus.key-prefix", environment.keyPrefix(),
                        "split.bus.worker-id", "leaving",
                        "split.bus.worker.shutdown-grace", "1s"))
                .run();
        @SuppressWarnings("unchecked")
        ConcurrentLinkedQueue<BusTestApplication.Run> runs = worker.getBean("runs", ConcurrentLinkedQueue.class);
        List<TaskEnvelope> shortTasks =
                List.of(scripted("sleep", 300).build(), scripted("sleep", 300).build());
        List<TaskEnvelope> longTasks = List.of(
                scripted("sleep", 30_000).build(),
                scripted("sleep", 30_000).build(),
                scripted("sleep", 30_000).build());
        publisher.publishAll(shortTasks);
        publisher.publishAll(longTasks);
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.size() == 5);

        worker.close();

        Map<UUID, List<TaskEvent>> byTask = bus.byTask(QUEUE);
        shortTasks.forEach(task ->
                assertThat(byTask.get(task.taskId()).getLast().eventType()).isEqualTo(EventType.TASK_SUCCEEDED));
        for (TaskEnvelope task : longTasks) {
            TaskEvent last = byTask.get(task.taskId()).getLast();
            assertThat(last.eventType()).isEqualTo(EventType.TASK_RETRIED);
            assertThat(last.attempt()).isEqualTo(1);
            assertThat(last.error().message()).contains("shut down");
        }
        assertThat(bus.ready(QUEUE))
                .extracting(TaskEnvelope::attempt)
                .containsOnly(1)
                .hasSize(3);
        assertThat(bus.length(keys.processing(QUEUE, "leaving"))).isZero();
        assertThat(redis.await(
                        redis.commands().zscore(keys.workers(QUEUE), "leaving".getBytes(StandardCharsets.UTF_8))))
                .isNull();
    }
}
