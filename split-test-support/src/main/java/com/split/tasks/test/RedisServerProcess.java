package com.split.tasks.test;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * A private {@code redis-server} process on a free loopback port, for tests that stop, kill or restart Redis under a
 * running bus. Each instance owns a temporary directory (its data and {@code redis.log}); RDB snapshots are off
 * ({@code --save ""}), so only options the caller passes (e.g. {@code --appendonly yes}) make data survive a restart.
 *
 * <p>Not thread safe: one test drives it. {@link #close()} stops the process and deletes the directory.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private static final int PORT_ATTEMPTS = 3;

    private final Path binary;

    private final List<String> options;

    private final Path directory;

    private int port;

    private @Nullable Process process;

    private RedisServerProcess(Path binary, List<String> options, Path directory) {
        this.binary = binary;
        this.options = List.copyOf(options);
        this.directory = directory;
    }

    /**
     * Starts {@code redis-server} from the PATH and waits until it answers {@code PING}.
     *
     * @param options extra command-line options, applied after the defaults so they win, e.g. {@code "--appendonly",
     *     "yes"}
     */
    public static RedisServerProcess start(String... options) {
        return start(Executables.find("redis-server", Executables.REDIS), List.of(options));
    }

    static RedisServerProcess start(Path binary, List<String> options) {
        Path directory;
        try {
            directory = Files.createTempDirectory("split-redis-");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        RedisServerProcess server = new RedisServerProcess(binary, options, directory);
        // A free port can be taken between probing and binding; a fresh one is cheaper than diagnosing the race.
        for (int attempt = 1; ; attempt++) {
            server.port = ServerProcesses.freePort();
            try {
                server.launch();
                return server;
            } catch (IllegalStateException ex) {
                if (attempt == PORT_ATTEMPTS
                        || !ServerProcesses.log(server.directory.resolve("redis.log"))
                                .contains("Address already in use")) {
                    server.close();
                    throw ex;
                }
            }
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, for Lettuce or {@code spring.data.redis.url}. */
    public URI uri() {
        return URI.create("redis://%s:%d".formatted(HOST, port));
    }

    /** The process's working directory: its AOF/RDB files, {@code nodes.conf} in cluster mode, and {@code redis.log}. */
    public Path directory() {
        return directory;
    }

    /** Connection details for a context that should talk to this server; declare the bean {@code @Primary}. */
    public DataRedisConnectionDetails connectionDetails() {
        int fixedPort = port;
        return new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return Standalone.of(HOST, fixedPort);
            }
        };
    }

    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** The operating-system process id of the running server. */
    public long pid() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            throw new IllegalStateException("redis-server on port %d is not running".formatted(port));
        }
        return current.pid();
    }

    /** Stops the server the way an operator would: {@code SHUTDOWN NOSAVE}, then SIGKILL if it lingers. */
    public void stop() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        try (RespConnection connection = RespConnection.open(HOST, port, Duration.ofSeconds(2))) {
            connection.send("SHUTDOWN", "NOSAVE");
            connection.read(); // normally the server just closes the connection
        } catch (IOException ex) {
            // expected: a server that shuts down does not reply
        }
        if (!ServerProcesses.waitFor(current, SHUTDOWN_TIMEOUT)) {
            kill();
        }
    }

    /** Kills the server with SIGKILL, as a crash or an OOM kill would: no shutdown hooks, no final AOF flush. */
    public void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.destroyForcibly(); // SIGKILL on Unix
        if (!ServerProcesses.waitFor(current, SHUTDOWN_TIMEOUT)) {
            throw new IllegalStateException("redis-server (pid %d) survived SIGKILL".formatted(current.pid()));
        }
    }

    /** Starts the server again on the same port and directory (stopping it first if it runs) and waits for PING. */
    public void restart() {
        stop();
        launch();
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            ServerProcesses.deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return "redis-server on %s:%d (%s)".formatted(HOST, port, directory);
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                HOST,
                "--dir",
                directory.toString(),
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no"));
        command.addAll(options);
        File log = directory.resolve("redis.log").toFile();
        Process started;
        try {
            started = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException ex) {
            throw new IllegalStateException("Could not run %s: %s".formatted(binary, ex.getMessage()), ex);
        }
        process = started;
        try {
            await().alias("redis-server on port %d answers PING".formatted(port))
                    .atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !started.isAlive() || RespConnection.pong(HOST, port));
        } catch (ConditionTimeoutException ex) {
            started.destroyForcibly();
            throw new IllegalStateException(
                    "redis-server on port %d did not answer PING within %s; its log:%n%s"
                            .formatted(port, STARTUP_TIMEOUT, ServerProcesses.log(directory.resolve("redis.log"))),
                    ex);
        }
        if (!started.isAlive()) {
            throw new IllegalStateException("redis-server on port %d exited with %d; its log:%n%s"
                    .formatted(port, started.exitValue(), ServerProcesses.log(directory.resolve("redis.log"))));
        }
    }
}
