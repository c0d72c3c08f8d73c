package com.split.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * event-srv in a JVM of its own, started from its executable jar as {@code bin/split} starts it (extracted, {@code java
 * -jar}, its own {@code application.properties}; without the AOT cache, which only shortens the start), with its web
 * server and its management server on free ports: the journal bench reads its meters from the management port's
 * {@code /actuator/metrics} and its CPU from {@code /proc}. Nobody calls its API, but event-srv refuses to start with
 * nobody able to: it is given a machine token of random bytes that is never used.
 */
final class EventSrvProcess implements Journal.EventSrv {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Process process;
    private final Path log;
    private final URI base;
    private final URI management;
    private final String queue;
    private final ThrowawaySchema schema;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private EventSrvProcess(Process process, Path log, URI base, URI management, String queue, ThrowawaySchema schema) {
        this.process = process;
        this.log = log;
        this.base = base;
        this.management = management;
        this.queue = queue;
        this.schema = schema;
    }

    /**
     * Starts it with {@code args} on the schema, from the jar extracted as {@code bin/split} runs it (its classes in
     * plain jars, not through Spring Boot's nested-jar loader), and returns once its readiness probe says UP.
     */
    static EventSrvProcess start(
            Path jar,
            Path dir,
            String name,
            ThrowawaySchema schema,
            String queue,
            Duration timeout,
            List<String> args) {
        String java = Child.javaCommand(List.of()).getFirst();
        Path extracted = dir.resolve(name + "-jar");
        run(List.of(
                java,
                "-Djarmode=tools",
                "-jar",
                jar.toString(),
                "extract",
                "--destination",
                extracted.toString(),
                "--application-filename",
                "event-srv.jar",
                "--force")); // a --dir used again holds the last run's
        int port = freePort();
        int managementPort = freePort();
        byte[] unusedToken = new byte[32];
        new SecureRandom().nextBytes(unusedToken);
        List<String> line = new ArrayList<>(List.of(
                java,
                "-jar",
                extracted.resolve("event-srv.jar").toString(),
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--split.security.tokens[0].name=split-bench",
                "--split.security.tokens[0].hash={sha256}" + HexFormat.of().formatHex(sha256(unusedToken)),
                "--split.security.tokens[0].roles=viewer"));
        line.addAll(schema.datasourceArgs());
        line.addAll(args);
        Path log = dir.resolve(name + ".log");
        Process process;
        try {
            process = new ProcessBuilder(line)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + line, e);
        }
        EventSrvProcess eventSrv = new EventSrvProcess(
                process,
                log,
                URI.create("http://127.0.0.1:" + port),
                URI.create("http://127.0.0.1:" + managementPort),
                queue,
                schema);
        eventSrv.awaitReady(timeout);
        return eventSrv;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "event-srv exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                if (get(base, "/readyz").statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // starting
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        close();
        throw new IllegalStateException("event-srv was not ready within " + timeout + "; see " + log);
    }

    @Override
    public double journalled() {
        return statistics("split.events.journalled").getOrDefault("COUNT", 0.0);
    }

    @Override
    public double meanBatch() {
        Map<String, Double> batches = statistics("split.events.batch.size");
        return batches.getOrDefault("TOTAL", Double.NaN) / batches.getOrDefault("COUNT", Double.NaN);
    }

    @Override
    public double meanWriteMs() {
        Map<String, Double> writes = statistics("split.events.write");
        return writes.getOrDefault("TOTAL_TIME", Double.NaN) / writes.getOrDefault("COUNT", Double.NaN) * 1e3;
    }

    @Override
    public long rows() {
        return schema.jdbc()
                .sql("SELECT COUNT(*) FROM events_log")
                .query(Long.class)
                .single();
    }

    @Override
    public double cpuSeconds() {
        return ProcStats.cpuSeconds(process.pid());
    }

    /** Stops it as {@code bin/split down} does: SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The statistics of one of its meters for the queue (COUNT, TOTAL, ...); none until the meter exists. */
    private Map<String, Double> statistics(String meter) {
        HttpResponse<String> response = get(management, "/actuator/metrics/" + meter + "?tag=queue:" + queue);
        if (response.statusCode() == 404) {
            return Map.of();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("event-srv answered " + response.statusCode() + " for " + meter);
        }
        Map<String, Double> statistics = new HashMap<>();
        for (JsonNode measurement : Json.MAPPER.readTree(response.body()).path("measurements")) {
            statistics.put(
                    measurement.path("statistic").asString(),
                    measurement.path("value").asDouble());
        }
        return statistics;
    }

    private HttpResponse<String> get(URI server, String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(server.resolve(path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("failed: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
