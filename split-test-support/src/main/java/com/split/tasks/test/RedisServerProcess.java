package com.split.tasks.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * A private {@code redis-server} process on a free loopback port, for tests that stop, kill or restart Redis under a
 * running bus. Each instance owns a temporary directory (its data and {@code redis.log}); RDB snapshots are off
 * ({@code --save ""}), so only options the caller passes (e.g. {@code --appendonly yes}) make data survive a restart.
 *
 * <p>Not thread safe: one test drives it. {@link #close()} stops the process and deletes the directory.
 */
public final class RedisServerProcess extends PrivateServerProcess {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final Path binary;

    private final List<String> options;

    private boolean suspended;

    private RedisServerProcess(Path binary, List<String> options, Path directory) {
        super(binary.getFileName().toString(), directory);
        this.binary = binary;
        this.options = List.copyOf(options);
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

    /**
     * Starts {@code valkey-server} from the PATH: the open-source fork of Redis 7.2, which Debian 12 carries in its
     * backports where its Redis is 7.0, for what needs the commands of Redis 7.2 and later (WAITAOF).
     */
    public static RedisServerProcess startValkey(String... options) {
        return start(Executables.find("valkey-server", Executables.VALKEY), List.of(options));
    }

    static RedisServerProcess start(Path binary, List<String> options) {
        Path directory;
        try {
            directory = Files.createTempDirectory("split-redis-");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        RedisServerProcess server = new RedisServerProcess(binary, options, directory);
        server.launchOnFreePort();
        return server;
    }

    /** {@code redis://127.0.0.1:<port>}, for Lettuce or {@code spring.data.redis.url}. */
    public URI uri() {
        return URI.create("redis://%s:%d".formatted(HOST, port));
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

    /** Stops the server the way an operator would: {@code SHUTDOWN NOSAVE}, then SIGKILL if it lingers. */
    @Override
    public void stop() {
        Process current = running().orElse(null);
        if (current == null) {
            return;
        }
        resume(); // a stopped process would not read SHUTDOWN
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

    /**
     * Freezes the server with SIGSTOP, as a hung host would: its connections stay open and the kernel still accepts new
     * ones, but nothing answers until {@link #resume()}. Harder on a client than a refused connection, and unlike
     * {@code CLIENT PAUSE} it holds {@code PING} and {@code INFO} too.
     */
    public void suspend() {
        signal("STOP");
        suspended = true;
    }

    /** Lets a {@link #suspend() suspended} server run again (SIGCONT); does nothing if it is not suspended. */
    public void resume() {
        if (suspended && isRunning()) {
            signal("CONT");
        }
        suspended = false;
    }

    private void signal(String signal) {
        long pid = pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -%s %d failed: %s"
                        .formatted(signal, pid, new String(kill.getInputStream().readAllBytes())));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal, ex);
        }
    }

    /** Kills the server with SIGKILL, as a crash or an OOM kill would: no shutdown hooks, no final AOF flush. */
    public void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.destroyForcibly(); // SIGKILL on Unix, which a suspended process obeys too
        suspended = false;
        if (!ServerProcesses.waitFor(current, SHUTDOWN_TIMEOUT)) {
            throw new IllegalStateException("redis-server (pid %d) survived SIGKILL".formatted(current.pid()));
        }
    }

    @Override
    void launch() {
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
        launch(command, "answer PING", STARTUP_TIMEOUT, Duration.ofMillis(50), () -> RespConnection.pong(HOST, port));
    }

    @Override
    Path log() {
        return directory.resolve("redis.log");
    }
}
