package com.split.tasks.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.LMoveArgs;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalRedisClusterIntegrationTests {

    private static LocalRedisCluster cluster;

    private static RedisClusterClient client;

    private static StatefulRedisClusterConnection<String, String> connection;

    @BeforeAll
    static void startCluster() {
        cluster = LocalRedisCluster.start();
        List<RedisURI> seeds = cluster.nodes().stream()
                .map(node -> RedisURI.create("redis://" + node))
                .toList();
        client = RedisClusterClient.create(seeds);
        connection = client.connect();
    }

    @AfterAll
    static void stopCluster() {
        connection.close();
        client.shutdown();
        cluster.close();
    }

    @Test
    void hasThreeMastersOnLoopback() {
        assertThat(cluster.nodes()).hasSize(3).allMatch(node -> node.startsWith("127.0.0.1:"));
        assertThat(client.getPartitions())
                .hasSize(3)
                .allMatch(node -> node.is(RedisClusterNode.NodeFlag.UPSTREAM))
                .extracting(node -> "127.0.0.1:" + node.getUri().getPort())
                .containsExactlyInAnyOrderElementsOf(cluster.nodes());
    }

    @Test
    void coversAllSlots() {
        assertThat(IntStream.range(0, SlotHash.SLOT_COUNT))
                .allMatch(slot -> client.getPartitions().getPartitionBySlot(slot) != null);
        assertThat(connection.sync().clusterInfo()).contains("cluster_state:ok", "cluster_slots_assigned:16384");
    }

    @Test
    void hashTaggedKeysShareASlotAndRoundTrip() {
        RedisAdvancedClusterCommands<String, String> redis = connection.sync();

        redis.lpush("split:{q}:ready", "envelope");
        redis.xadd("split:{q}:events", Map.of("event_type", "task_queued"));

        assertThat(SlotHash.getSlot("split:{q}:ready")).isEqualTo(SlotHash.getSlot("split:{q}:events"));
        // one command across both keys: only possible because they share a slot
        assertThat(redis.lmove("split:{q}:ready", "split:{q}:processing:w1", LMoveArgs.Builder.rightLeft()))
                .isEqualTo("envelope");
        assertThat(redis.lrange("split:{q}:processing:w1", 0, -1)).containsExactly("envelope");
        assertThat(redis.xlen("split:{q}:events")).isEqualTo(1);
    }

    @Test
    void connectionDetailsNameEveryNode() {
        assertThat(cluster.connectionDetails().getCluster().getNodes())
                .extracting(node -> node.host() + ":" + node.port())
                .containsExactlyElementsOf(cluster.nodes());
        assertThat(cluster.connectionDetails().getStandalone()).isNull();
    }

    @Test
    void closeStopsEveryNode() {
        LocalRedisCluster other = LocalRedisCluster.start();
        List<ProcessHandle> processes = other.servers().stream()
                .map(server -> ProcessHandle.of(server.pid()).orElseThrow())
                .toList();

        other.close();

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(other.servers()).noneMatch(server -> RespConnection.pong("127.0.0.1", server.port()));
    }
}
