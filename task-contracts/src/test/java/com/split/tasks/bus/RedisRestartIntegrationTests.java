package com.split.tasks.bus;

import static com.split.tasks.bus.BusTestApplication.scripted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.bus.worker.WorkerContainer;
import com.split.tasks.test.RedisServerProcess;
import com.split.tasks.test.TaskEnvelopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A Redis restart in the middle of a run is waited out: workers back off, reconnect and finish every task, and
 * publishing works again. The server is a private one (AOF on, as in production) that the test can restart.
 */
@SpringBootTest(
        classes = {BusTestApplication.class, RedisRestartIntegrationTests.PrivateRedis.class, BusEvents.class},
        properties = "split.bus.key-prefix=restart")
class RedisRestartIntegrationTests {

    static final QueueName QUEUE = TaskEnvelopes.TEST_TASK.queue();

    @AutoClose
    static final RedisServerProcess SERVER = RedisServerProcess.start("--appendonly", "yes", "--appendfsync", "always");

    @TestConfiguration(proxyBeanMethods = false)
    static class PrivateRedis {
        @Bean
        DataRedisConnectionDetails privateRedis() {
            return SERVER.connectionDetails();
        }
    }

    @Autowired
    TaskPublisher publisher;

    @Autowired
    BusEvents bus;

    @Autowired
    WorkerContainer container;

    @Test
    void restartMidRunLosesNoTask() {
        List<UUID> ids = new ArrayList<>(publisher.publishAll(tasks(2000)));
        await().atMost(Duration.ofSeconds(60)).until(() -> bus.count(QUEUE, EventType.TASK_SUCCEEDED) >= 300);

        SERVER.restart();

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            ids.addAll(publisher.publishAll(tasks(200)));
            return true;
        });
        await().atMost(Duration.ofSeconds(90))
                .until(() -> bus.tasksWith(QUEUE, EventType.TASK_SUCCEEDED).containsAll(ids));
        assertThat(container.isFetching()).isTrue();
        assertThat(bus.length(bus.keys().dead(QUEUE))).isZero();
    }

    private List<TaskEnvelope> tasks(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> scripted("sleep", 3).build())
                .toList();
    }
}
