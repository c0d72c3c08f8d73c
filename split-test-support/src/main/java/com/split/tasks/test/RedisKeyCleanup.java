package com.split.tasks.test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes the context's keys ({@code <prefix>*}) when the context closes, so a Redis shared across many runs does not
 * fill up with test data.
 *
 * <p>A lifecycle in the lowest phase rather than a destroy callback: it stops after every worker, listener and
 * heartbeat thread (higher phases), so nothing writes under the prefix after the keys are gone. Best effort: a test
 * may have stopped Redis on purpose, so failures are only logged.
 */
final class RedisKeyCleanup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisKeyCleanup.class);

    private final String keyPrefix;

    private final ObjectProvider<DataRedisConnectionDetails> connectionDetails;

    private volatile boolean running;

    RedisKeyCleanup(String keyPrefix, ObjectProvider<DataRedisConnectionDetails> connectionDetails) {
        this.keyPrefix = keyPrefix;
        this.connectionDetails = connectionDetails;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        DataRedisConnectionDetails details = connectionDetails.getIfUnique();
        if (details == null || details.getSslBundle() != null) {
            return;
        }
        for (Node node : nodes(details)) {
            try {
                int deleted = deleteKeys(node, details);
                log.debug("Deleted {} keys under {} on {}:{}", deleted, keyPrefix, node.host(), node.port());
            } catch (IOException | RuntimeException ex) {
                log.debug("Could not delete keys under {} on {}:{}", keyPrefix, node.host(), node.port(), ex);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    private static List<Node> nodes(DataRedisConnectionDetails details) {
        if (details.getCluster() != null) {
            return details.getCluster().getNodes();
        }
        if (details.getStandalone() != null) {
            return List.of(new Node(
                    details.getStandalone().getHost(), details.getStandalone().getPort()));
        }
        return List.of();
    }

    private int deleteKeys(Node node, DataRedisConnectionDetails details) throws IOException {
        int deleted = 0;
        try (RespConnection connection = RespConnection.open(node.host(), node.port(), Duration.ofSeconds(2))) {
            if (details.getPassword() != null) {
                if (details.getUsername() != null) {
                    connection.call("AUTH", details.getUsername(), details.getPassword());
                } else {
                    connection.call("AUTH", details.getPassword());
                }
            }
            if (details.getStandalone() != null && details.getStandalone().getDatabase() != 0) {
                connection.call(
                        "SELECT", Integer.toString(details.getStandalone().getDatabase()));
            }
            String cursor = "0";
            do {
                List<?> page =
                        (List<?>) connection.call("SCAN", cursor, "MATCH", glob(keyPrefix) + "*", "COUNT", "1000");
                cursor = (String) page.get(0);
                List<?> keys = (List<?>) page.get(1);
                // One key per UNLINK: in a cluster, keys of different slots cannot share a command.
                for (Object key : keys) {
                    connection.send("UNLINK", (String) key);
                }
                for (int i = 0; i < keys.size(); i++) {
                    if (connection.read() instanceof Long count) {
                        deleted += count.intValue();
                    }
                }
            } while (!"0".equals(cursor));
        }
        return deleted;
    }

    private static String glob(String literal) {
        StringBuilder escaped = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("*?[]\\".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
