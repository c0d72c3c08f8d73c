package com.split.tasks.bus;

import static com.split.tasks.bus.BusTestApplication.scripted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.autoconfigure.TaskBusProperties;
import com.split.tasks.bus.worker.BusMetrics;
import com.split.tasks.bus.worker.BusParts;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskTracing;
import com.split.tasks.bus.worker.WorkerContainer;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.SplitTestEnvironment;
import com.split.tasks.test.SplitTestRedis;
import com.split.tasks.test.TaskEnvelopes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A worker JVM killed with SIGKILL in the middle of 1,000 tasks loses none of them: once its lease runs out, another
 * worker takes back what it held and finishes everything.
 */
@SpringBootTest(classes = BusTestApplication.class, properties = "split.bus.worker.enabled=false")
@Import({SplitTestRedis.class, BusEvents.class})
class WorkerCrashIntegrationTests {

    static final QueueName QUEUE = TaskEnvelopes.TEST_TASK.queue();

    @Autowired
    BusEvents bus;

    @Autowired
    TaskPublisher publisher;

    @Autowired
    TaskCodec codec;

    @Autowired
    BusRedis redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    TaskBusProperties properties;

    @Autowired
    TaskHandler handler;

    @Autowired
    BusScripts scripts;

    @Autowired
    TaskRecovery recovery;

    @Autowired
    QueueInspector inspector;

    @Autowired
    LettuceConnectionFactory connectionFactory;

    @Autowired
    SplitTestEnvironment environment;

    @Test
    void killedWorkerLosesNoTask() throws Exception {
        List<TaskEnvelope> tasks = IntStream.range(0, 1000)
                .mapToObj(i -> scripted("sleep", 10).build())
                .toList();
        List<UUID> ids = publisher.publishAll(tasks);

        Process victim = startWorkerProcess("victim");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> bus.count(QUEUE, EventType.TASK_SUCCEEDED) >= 200);
        } finally {
            victim.destroyForcibly(); // SIGKILL: no shutdown hook, no give-back
            victim.waitFor();
        }
        long succeededByVictim = bus.count(QUEUE, EventType.TASK_SUCCEEDED);
        assertThat(succeededByVictim).isLessThan(1000);
        assertThat(bus.length(keys.processing(QUEUE, "victim")))
                .as("the victim died holding tasks")
                .isPositive();

        WorkerContainer rescuer = new WorkerContainer(
                new BusParts(redis, scripts, codec, publisher, recovery, inspector),
                List.of(handler),
                Set.of(),
                properties.worker(),
                properties.retry(),
                "rescuer",
                Clock.systemUTC(),
                new BusMetrics(new SimpleMeterRegistry()),
                TaskTracing.OFF);
        rescuer.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bus.tasksWith(QUEUE, EventType.TASK_SUCCEEDED).containsAll(ids));
        } finally {
            rescuer.stop();
        }

        List<TaskEvent> events = bus.events(QUEUE);
        assertThat(events)
                .filteredOn(e -> e.eventType() == EventType.TASK_RETRIED)
                .isNotEmpty()
                .allSatisfy(retry -> {
                    assertThat(retry.workerId()).isEqualTo("victim");
                    assertThat(retry.error().type()).isEqualTo("worker_lost");
                });
        assertThat(events)
                .filteredOn(e -> e.eventType() == EventType.TASK_FAILED)
                .isEmpty();
        assertThat(bus.length(keys.ready(QUEUE))).isZero();
        assertThat(bus.length(keys.processing(QUEUE, "victim"))).isZero();
        assertThat(bus.length(keys.dead(QUEUE))).isZero();
    }

    private Process startWorkerProcess(String workerId) throws Exception {
        var standalone = connectionFactory.getStandaloneConfiguration();
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Files.createDirectories(Path.of("target", "worker-logs")).resolve(workerId + ".log");
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        BusWorkerProcess.class.getName(),
                        "--spring.data.redis.host=" + standalone.getHostName(),
                        "--spring.data.redis.port=" + standalone.getPort(),
                        "--split.bus.key-prefix=" + environment.keyPrefix(),
                        "--split.bus.worker-id=" + workerId)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}
