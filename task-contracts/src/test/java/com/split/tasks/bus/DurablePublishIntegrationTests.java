package com.split.tasks.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.RedisServerProcess;
import com.split.tasks.test.TaskEnvelopes;
import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Durable publishes: a publish that returns only once replicas hold the task ({@code WAIT}), or once the primary's AOF,
 * and replicas' AOFs, have it on disk ({@code WAITAOF}). WAITAOF needs Redis 7.2: these tests run it on
 * {@code valkey-server} (Redis 7.2's open-source fork, in Debian 12's backports), and check that Debian's Redis 7.0 is
 * refused before anything is published.
 */
class DurablePublishIntegrationTests {

    private final RedisKeys keys = new RedisKeys("durable");
    private final List<RedisServerProcess> servers = new ArrayList<>();
    private final List<RedisClient> clients = new ArrayList<>();

    @AfterEach
    void stopAll() {
        clients.forEach(RedisClient::shutdown);
        servers.reversed().forEach(RedisServerProcess::close);
    }

    private RedisServerProcess server(Function<String[], RedisServerProcess> start, String... options) {
        RedisServerProcess server = start.apply(options);
        servers.add(server);
        return server;
    }

    private RedisServerProcess replicaOf(
            RedisServerProcess primary, Function<String[], RedisServerProcess> start, String... options) {
        List<String> all = new ArrayList<>(List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port())));
        all.addAll(List.of(options));
        RedisServerProcess replica = server(start, all.toArray(String[]::new));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        client(replica).connect().sync().info("replication").contains("master_link_status:up"));
        return replica;
    }

    private RedisClient client(RedisServerProcess server) {
        RedisClient client = RedisClient.create(server.uri().toString());
        clients.add(client);
        return client;
    }

    private TaskPublisher publisher(RedisServerProcess primary, TaskPublisher.Durability durability) {
        return new TaskPublisher(
                new BusScripts(new BusRedis(client(primary), Duration.ofSeconds(5)), keys),
                new TaskCodec(),
                Clock.systemUTC(),
                Duration.ofHours(1),
                durability);
    }

    private long ready(RedisServerProcess server) {
        return client(server).connect().sync().llen(keys.ready(TaskEnvelopes.TEST_TASK.queue()));
    }

    @Test
    void publishReturnsOnceAReplicaHasTheTask() {
        RedisServerProcess primary = server(RedisServerProcess::start);
        RedisServerProcess replica = replicaOf(primary, RedisServerProcess::start);

        long start = System.nanoTime();
        UUID id = publisher(primary, new TaskPublisher.Durability(false, 1, Duration.ofSeconds(5)))
                .publish(TaskEnvelopes.testTask().build());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        // read at once, no polling: WAIT returned only after the replica acknowledged the write
        String onReplica = client(replica).connect().sync().lindex(keys.ready(TaskEnvelopes.TEST_TASK.queue()), 0);
        assertThat(onReplica).contains(id.toString());
    }

    @Test
    void publishWaitsOutItsTimeoutWithoutAReplica() {
        RedisServerProcess primary = server(RedisServerProcess::start);
        replicaOf(primary, RedisServerProcess::start).kill();
        long start = System.nanoTime();

        publisher(primary, new TaskPublisher.Durability(false, 1, Duration.ofMillis(700)))
                .publish(TaskEnvelopes.testTask().build());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void publishReturnsOnceThePrimarysAndAReplicasAofHaveTheTask() {
        RedisServerProcess primary = server(RedisServerProcess::startValkey, "--appendonly", "yes");
        RedisServerProcess replica = replicaOf(primary, RedisServerProcess::startValkey, "--appendonly", "yes");
        TaskPublisher durable = publisher(primary, new TaskPublisher.Durability(true, 1, Duration.ofSeconds(5)));

        long start = System.nanoTime();
        UUID id = durable.publish(TaskEnvelopes.testTask().build());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        String onReplica = client(replica).connect().sync().lindex(keys.ready(TaskEnvelopes.TEST_TASK.queue()), 0);
        assertThat(onReplica).contains(id.toString());

        // without the replica, WAITAOF 1 1 cannot be met: the publish waits out its timeout
        replica.kill();
        start = System.nanoTime();
        durable.withDurability(new TaskPublisher.Durability(true, 1, Duration.ofMillis(700)))
                .publish(TaskEnvelopes.testTask().build());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        // and with no replica asked for, the primary's own fsync is enough
        start = System.nanoTime();
        durable.withDurability(new TaskPublisher.Durability(true, 0, Duration.ofSeconds(5)))
                .publish(TaskEnvelopes.testTask().build());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(ready(primary)).isEqualTo(3);
    }

    @Test
    void concurrentPublishesWaitTogether() throws Exception {
        // a replica that is gone: each wait lasts its whole timeout, so waits one after another would add up
        RedisServerProcess primary = server(RedisServerProcess::startValkey, "--appendonly", "yes");
        replicaOf(primary, RedisServerProcess::startValkey, "--appendonly", "yes")
                .kill();
        Duration timeout = Duration.ofMillis(300);
        TaskPublisher durable = publisher(primary, new TaskPublisher.Durability(true, 1, timeout));
        durable.publish(TaskEnvelopes.testTask().build());

        int publishes = 40;
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<UUID>> published = new ArrayList<>();
            for (int i = 0; i < publishes; i++) {
                published.add(threads.submit(
                        () -> durable.publish(TaskEnvelopes.testTask().build())));
            }
            for (Future<UUID> one : published) {
                one.get();
            }
        }

        // 40 waits one after another: 12 s; together, the one in flight and the one after it
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.multipliedBy(10));
        assertThat(ready(primary)).isEqualTo(publishes + 1);
    }

    @Test
    void aServerThatCannotWaitForTheAofIsRefusedBeforeAnythingIsPublished() {
        TaskPublisher.Durability aof = new TaskPublisher.Durability(true, 0, Duration.ofSeconds(1));
        RedisServerProcess redis70 = server(RedisServerProcess::start, "--appendonly", "yes");
        RedisServerProcess aofOff = server(RedisServerProcess::startValkey, "--appendonly", "no");

        assertThatIllegalStateException()
                .isThrownBy(() ->
                        publisher(redis70, aof).publish(TaskEnvelopes.testTask().build()))
                .withMessageStartingWith(
                        "split.bus.publish.wait-for-aof needs Redis 7.2 or later (WAITAOF); this server is 7.0");
        assertThatIllegalStateException()
                .isThrownBy(() ->
                        publisher(aofOff, aof).publish(TaskEnvelopes.testTask().build()))
                .withMessage("split.bus.publish.wait-for-aof needs the server's AOF on (appendonly yes); it is off");
        assertThat(ready(redis70)).isZero();
        assertThat(ready(aofOff)).isZero();
    }
}
