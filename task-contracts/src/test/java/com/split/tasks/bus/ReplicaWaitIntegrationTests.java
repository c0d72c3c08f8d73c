package com.split.tasks.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.RedisServerProcess;
import com.split.tasks.test.TaskEnvelopes;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With {@code wait-for-replicas}, a publish returns only once a replica holds the task. */
class ReplicaWaitIntegrationTests {

    private RedisServerProcess primary;
    private RedisServerProcess replica;
    private RedisClient primaryClient;
    private RedisClient replicaClient;

    @BeforeEach
    void startPrimaryAndReplica() {
        primary = RedisServerProcess.start();
        replica = RedisServerProcess.start("--replicaof", "127.0.0.1", Integer.toString(primary.port()));
        primaryClient = RedisClient.create(primary.uri().toString());
        replicaClient = RedisClient.create(replica.uri().toString());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> replicaClient.connect().sync().info("replication").contains("master_link_status:up"));
    }

    @AfterEach
    void stopAll() {
        primaryClient.shutdown();
        replicaClient.shutdown();
        replica.close();
        primary.close();
    }

    private final RedisKeys keys = new RedisKeys("wait");

    private TaskPublisher publisher(Duration waitTimeout) {
        return new TaskPublisher(
                new BusScripts(new BusRedis(primaryClient, Duration.ofSeconds(5)), keys),
                new TaskCodec(),
                Clock.systemUTC(),
                Duration.ofHours(1),
                new TaskPublisher.ReplicaWait(1, waitTimeout));
    }

    @Test
    void publishReturnsOnceAReplicaHasTheTask() {
        long start = System.nanoTime();
        UUID id = publisher(Duration.ofSeconds(5))
                .publish(TaskEnvelopes.testTask().build());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        // read at once, no polling: WAIT returned only after the replica acknowledged the write
        String onReplica = replicaClient.connect().sync().lindex(keys.ready(TaskEnvelopes.TEST_TASK.queue()), 0);
        assertThat(onReplica).contains(id.toString());
    }

    @Test
    void publishWaitsOutItsTimeoutWithoutAReplica() {
        replica.kill();
        long start = System.nanoTime();

        publisher(Duration.ofMillis(700)).publish(TaskEnvelopes.testTask().build());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }
}
