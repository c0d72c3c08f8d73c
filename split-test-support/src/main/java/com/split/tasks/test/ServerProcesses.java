package com.split.tasks.test;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/** What the private server processes of the tests share: ports, starting, logs, waiting, their directories. */
final class ServerProcesses {

    private ServerProcesses() {}

    /** Starts the command in the directory, its output appended to the log. */
    static Process run(List<String> command, Path directory, Path log) {
        try {
            return new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException ex) {
            throw new IllegalStateException("Could not run %s: %s".formatted(command.getFirst(), ex.getMessage()), ex);
        }
    }

    /**
     * Waits until the started server is ready, or has exited; kills it if it is neither within the timeout.
     *
     * @param server the server, for the messages: {@code redis-server on port 6390}
     * @param readiness what it does once ready, for the messages: {@code answer PING}
     * @throws IllegalStateException if it exited or was not ready in time, with its log
     */
    static void awaitReady(
            Process started,
            String server,
            String readiness,
            Duration timeout,
            Duration pollInterval,
            Callable<Boolean> ready,
            Path log) {
        try {
            await().alias("%s to %s".formatted(server, readiness))
                    .atMost(timeout)
                    .pollInterval(pollInterval)
                    .until(() -> !started.isAlive() || ready.call());
        } catch (ConditionTimeoutException ex) {
            started.destroyForcibly();
            throw new IllegalStateException(
                    "%s did not %s within %s; its log:%n%s".formatted(server, readiness, timeout, log(log)), ex);
        }
        if (!started.isAlive()) {
            throw new IllegalStateException(
                    "%s exited with %d; its log:%n%s".formatted(server, started.exitValue(), log(log)));
        }
    }

    /** A loopback port free now; a server started on it may still lose it to another process, so callers retry. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The server's log, for a failure message. */
    static String log(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException ex) {
            return "(log unreadable: %s)".formatted(ex.getMessage());
        }
    }

    /** @return whether the process ended within the timeout */
    static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
