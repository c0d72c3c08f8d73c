package com.split.tasks.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * What the private servers of the tests share: a process on a free loopback port that owns a temporary directory, and
 * that a test stops, restarts and closes. Each server launches and stops its process its own way.
 */
abstract sealed class PrivateServerProcess implements AutoCloseable permits MariaDbServerProcess, RedisServerProcess {

    static final String HOST = "127.0.0.1";

    private static final int PORT_ATTEMPTS = 3;

    private final String name;

    final Path directory;

    int port;

    @Nullable
    Process process;

    PrivateServerProcess(String name, Path directory) {
        this.name = name;
        this.directory = directory;
    }

    public int port() {
        return port;
    }

    /** The server's own directory, its log included; {@link #close()} deletes it. */
    public Path directory() {
        return directory;
    }

    public boolean isRunning() {
        return running().isPresent();
    }

    /** The operating-system process id of the running server. */
    public long pid() {
        return running()
                .orElseThrow(() -> new IllegalStateException(this + " is not running"))
                .pid();
    }

    /** Stops the server; it can be restarted. */
    public abstract void stop();

    /** Starts the server again on the same port and directory (stopping it first if it runs) and waits until it answers. */
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
        return "%s on %s:%d (%s)".formatted(name, HOST, port, directory);
    }

    /** Starts the server on {@link #port} and waits until it answers, or throws {@link IllegalStateException}. */
    abstract void launch();

    abstract Path log();

    /** The process while it runs. */
    Optional<Process> running() {
        return Optional.ofNullable(process).filter(Process::isAlive);
    }

    /**
     * Launches on a free port, and on a fresh one when another process took the port between probing and binding (the
     * log says the address is in use): cheaper than diagnosing the race. Any other failure, or the third, closes the
     * server.
     */
    void launchOnFreePort() {
        for (int attempt = 1; ; attempt++) {
            port = ServerProcesses.freePort();
            try {
                launch();
                return;
            } catch (IllegalStateException ex) {
                if (attempt == PORT_ATTEMPTS || !ServerProcesses.log(log()).contains("Address already in use")) {
                    close();
                    throw ex;
                }
            }
        }
    }

    /** What {@link #launch()} does: runs the command and waits until the server is {@code ready}. */
    void launch(
            List<String> command, String readiness, Duration timeout, Duration pollInterval, Callable<Boolean> ready) {
        Process started = ServerProcesses.run(command, directory, log());
        process = started;
        ServerProcesses.awaitReady(
                started, "%s on port %d".formatted(name, port), readiness, timeout, pollInterval, ready, log());
    }
}
