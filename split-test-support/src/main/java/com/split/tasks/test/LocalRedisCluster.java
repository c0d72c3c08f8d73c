package com.split.tasks.test;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;

/**
 * A three-master Redis Cluster of local {@code redis-server} processes (no replicas), for tests that prove the bus keeps
 * each queue on one slot through its {@code {Q}} hash tag.
 *
 * <p>Needs {@code redis-server} and {@code redis-cli} on the PATH. {@link #close()} stops every node by its process.
 */
public final class LocalRedisCluster implements AutoCloseable {

    private static final int MASTERS = 3;

    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServerProcess> servers;

    private LocalRedisCluster(List<RedisServerProcess> servers) {
        this.servers = List.copyOf(servers);
    }

    /** Starts three nodes, joins them with {@code redis-cli --cluster create}, and waits for {@code cluster_state:ok}. */
    public static LocalRedisCluster start() {
        Path redisCli = Executables.find("redis-cli", Executables.REDIS);
        Path redisServer = Executables.find("redis-server", Executables.REDIS);
        List<RedisServerProcess> servers = new ArrayList<>();
        try {
            for (int i = 0; i < MASTERS; i++) {
                // nodes.conf is the node's identity: it lives in the node's own directory, so nodes never share one.
                servers.add(RedisServerProcess.start(
                        redisServer,
                        List.of(
                                "--cluster-enabled",
                                "yes",
                                "--cluster-config-file",
                                "nodes.conf",
                                "--cluster-node-timeout",
                                "5000")));
            }
            LocalRedisCluster cluster = new LocalRedisCluster(servers);
            cluster.create(redisCli);
            cluster.awaitStateOk();
            return cluster;
        } catch (RuntimeException ex) {
            servers.forEach(RedisServerProcess::close);
            throw ex;
        }
    }

    /** The nodes as {@code "127.0.0.1:<port>"}, in start order. */
    public List<String> nodes() {
        return servers.stream().map(server -> "127.0.0.1:" + server.port()).toList();
    }

    /** The node processes, for tests that stop or kill one. */
    public List<RedisServerProcess> servers() {
        return servers;
    }

    /** Cluster connection details (every node as a seed) for a Spring context. */
    public DataRedisConnectionDetails connectionDetails() {
        List<Node> nodes = servers.stream()
                .map(server -> new Node("127.0.0.1", server.port()))
                .toList();
        return new DataRedisConnectionDetails() {
            @Override
            public Cluster getCluster() {
                return () -> nodes;
            }
        };
    }

    /** Stops every node (by its process, SIGKILL if {@code SHUTDOWN} is ignored) and deletes their directories. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (RedisServerProcess server : servers) {
            try {
                server.close();
            } catch (RuntimeException ex) {
                if (failure == null) {
                    failure = ex;
                } else {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Redis Cluster " + nodes();
    }

    private void create(Path redisCli) {
        List<String> command = new ArrayList<>(List.of(redisCli.toString(), "--cluster", "create"));
        command.addAll(nodes());
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            // Read before waiting: a full pipe would block redis-cli; the output is a few KiB at most.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(CREATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("%s did not finish within %s:%n%s"
                        .formatted(String.join(" ", command), CREATE_TIMEOUT, output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "%s exited with %d:%n%s".formatted(String.join(" ", command), process.exitValue(), output));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + this, ex);
        }
    }

    private void awaitStateOk() {
        try {
            // redis-cli returns once slots are assigned; every node must also have heard of the others.
            await().alias("every node of %s reports cluster_state:ok".formatted(nodes()))
                    .atMost(CONVERGE_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> servers.stream().allMatch(LocalRedisCluster::stateOk));
        } catch (ConditionTimeoutException ex) {
            throw new IllegalStateException(
                    "%s did not reach cluster_state:ok within %s".formatted(this, CONVERGE_TIMEOUT), ex);
        }
    }

    private static boolean stateOk(RedisServerProcess server) {
        try (RespConnection connection = RespConnection.open("127.0.0.1", server.port(), Duration.ofSeconds(1))) {
            return String.valueOf(connection.call("CLUSTER", "INFO")).contains("cluster_state:ok");
        } catch (IOException | IllegalStateException ex) {
            return false;
        }
    }
}
