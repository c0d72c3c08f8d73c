package com.split.tasks.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisServerProcessIntegrationTests {

    private final RedisClient client = RedisClient.create();

    @BeforeEach
    void quietClient() {
        // the tests stop servers under the client on purpose; no reconnect attempts in the background
        client.setOptions(ClientOptions.builder().autoReconnect(false).build());
    }

    @AfterEach
    void shutdownClient() {
        client.shutdown();
    }

    @Test
    void answersOnItsLoopbackPort() {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            assertThat(server.uri()).hasToString("redis://127.0.0.1:" + server.port());
            assertThat(server.isRunning()).isTrue();
            assertThat(ping(server)).isEqualTo("PONG");
        }
    }

    @Test
    void restartKeepsThePortAndAnswersAgain() {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            int port = server.port();
            long pid = server.pid();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThat(RespConnection.pong("127.0.0.1", port)).isFalse();

            server.restart();

            assertThat(server.port()).isEqualTo(port);
            assertThat(server.pid()).isNotEqualTo(pid);
            assertThat(ping(server)).isEqualTo("PONG");
        }
    }

    @Test
    void withoutPersistenceARestartStartsEmpty() {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            set(server, "split:{q}:ready", "envelope");

            server.restart();

            assertThat(get(server, "split:{q}:ready")).isNull();
        }
    }

    @Test
    void appendOnlyDataSurvivesAKill() {
        try (RedisServerProcess server = RedisServerProcess.start("--appendonly", "yes", "--appendfsync", "always")) {
            set(server, "split:{q}:ready", "envelope");

            server.kill();
            assertThat(server.isRunning()).isFalse();
            server.restart();

            assertThat(get(server, "split:{q}:ready")).isEqualTo("envelope");
        }
    }

    @Test
    void aSuspendedServerAcceptsConnectionsButAnswersOnlyOnceResumed() throws IOException {
        try (RedisServerProcess server = RedisServerProcess.start()) {
            server.suspend();

            try (RespConnection connection = RespConnection.open("127.0.0.1", server.port(), Duration.ofMillis(500))) {
                assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> connection.call("PING"));
            }
            assertThat(server.isRunning()).isTrue();

            server.resume();

            assertThat(ping(server)).isEqualTo("PONG");
        }
    }

    @Test
    void closeStopsASuspendedServerPromptly() {
        RedisServerProcess server = RedisServerProcess.start();
        ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
        server.suspend();
        long start = System.nanoTime();

        server.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("SHUTDOWN answered, not a SIGKILL after the shutdown timeout")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void closeStopsTheProcessAndDeletesItsDirectory() {
        RedisServerProcess server = RedisServerProcess.start();
        Path directory = server.directory();
        ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();

        server.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(directory).doesNotExist();
        assertThat(RespConnection.pong("127.0.0.1", server.port())).isFalse();
    }

    @Test
    void aServerThatCannotStartReportsItsLog() {
        assertThatIllegalStateException()
                .isThrownBy(() -> RedisServerProcess.start("--no-such-option", "yes"))
                .withMessageContaining("exited with")
                .withMessageContaining("no-such-option");
    }

    @Test
    void aBinaryMissingFromThePathFailsWithHowToInstallIt() {
        assertThatIllegalStateException()
                .isThrownBy(() -> Executables.find("redis-server-that-does-not-exist", Executables.REDIS))
                .withMessageContaining("is neither on the PATH")
                .withMessageContaining("apt-get install redis-server redis-tools");
    }

    @Test
    void aMissingBinaryFailsClearly(@TempDir Path empty) {
        Path missing = empty.resolve("redis-server");
        assertThat(Files.exists(missing)).isFalse();

        assertThatIllegalStateException()
                .isThrownBy(() -> RedisServerProcess.start(missing, List.of()))
                .withMessageContaining("Could not run " + missing);
    }

    private String ping(RedisServerProcess server) {
        try (StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create(server.uri()))) {
            return connection.sync().ping();
        }
    }

    private void set(RedisServerProcess server, String key, String value) {
        try (StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create(server.uri()))) {
            connection.sync().set(key, value);
        }
    }

    private @Nullable String get(RedisServerProcess server, String key) {
        try (StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create(server.uri()))) {
            return connection.sync().get(key);
        }
    }
}
