package com.split.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A SPLit stack of the chaos suite's own, run by {@code bin/split} as a user runs it, beside anything else on the
 * machine: its own var directory, ports moved by {@value #PORT_OFFSET}, a Redis of its own (which the suite kills),
 * its own key and schema prefixes. The faults are what an operator would see: signals to the processes, the MariaDB
 * service stopped, and {@code bin/split up} to bring back what died.
 */
final class ChaosStack implements AutoCloseable {

    static final int PORT_OFFSET = 2000;
    static final int REDIS_PORT = 6379 + PORT_OFFSET;

    private final Path root;
    private final Path varDir;
    private final String schemaPrefix;
    private final String keyPrefix;
    private final Map<String, String> environment = new HashMap<>();
    private final String authorization = StackLogin.header();
    /** Redis's administrator ({@code default}): the services log in as their own users, the bench as this one. */
    private final String redisPassword = UUID.randomUUID().toString().replace("-", "");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ChaosStack(Path root, String appendfsync) {
        this.root = root;
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        this.varDir = root.resolve("split-bench/target/chaos-" + id);
        this.schemaPrefix = "chaos_" + id + "_";
        this.keyPrefix = "chaos-" + id;
        environment.put("SPLIT_VAR_DIR", varDir.toString());
        environment.put("SPLIT_PORT_OFFSET", Integer.toString(PORT_OFFSET));
        environment.put("SPLIT_REDIS_PORT", Integer.toString(REDIS_PORT));
        environment.put("SPLIT_REDIS_PASSWORD", redisPassword);
        environment.put("SPLIT_REDIS_APPENDFSYNC", appendfsync);
        environment.put("SPLIT_KEY_PREFIX", keyPrefix);
        environment.put("SPLIT_SCHEMA_PREFIX", schemaPrefix);
        environment.put("SPLIT_WAIT_SECONDS", "420");
    }

    /** The repository this runs from: bin/split is beside the working directory or one above. */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("bin/split"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no bin/split in " + here + " or above: run split-bench from the repository");
    }

    String keyPrefix() {
        return keyPrefix;
    }

    /** The stack's Redis, as its administrator. */
    String redisUrl() {
        return "redis://:" + redisPassword + "@127.0.0.1:" + REDIS_PORT;
    }

    String schema(String name) {
        return schemaPrefix + name;
    }

    String url(String service) {
        int port = switch (service) {
            case "portfolio-mngr" -> 8081;
            case "event-srv" -> 8086;
            default -> throw new IllegalArgumentException("no URL for " + service);
        };
        return "http://127.0.0.1:" + (port + PORT_OFFSET);
    }

    /** Runs {@code bin/split} with this stack's settings, plus {@code extra}; fails with its output unless it exits 0. */
    void split(Map<String, String> extra, String... arguments) throws IOException, InterruptedException {
        Files.createDirectories(varDir);
        Path output = Files.createTempFile(varDir, "split-", ".out");
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/split").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        builder.environment().putAll(extra);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("bin/split %s exited %d:%n%s"
                    .formatted(String.join(" ", arguments), process.exitValue(), Files.readString(output)));
        }
    }

    void split(String... arguments) throws IOException, InterruptedException {
        split(Map.of(), arguments);
    }

    /** The pid of a service's main instance, or of the stack's Redis ({@code redis}), from bin/split's pid file. */
    long pid(String process) throws IOException {
        return Long.parseLong(
                Files.readString(varDir.resolve("run/" + process + ".pid")).trim());
    }

    /** Sends a signal by name (KILL, STOP, CONT, TERM) to a service or the stack's Redis, and waits out a KILL. */
    void signal(String process, String signal) throws IOException, InterruptedException {
        long pid = pid(process);
        String said = run("kill", "-" + signal, Long.toString(pid));
        if (said != null) {
            throw new IllegalStateException("kill -%s %d (%s) failed: %s".formatted(signal, pid, process, said));
        }
        if (signal.equals("KILL") || signal.equals("TERM")) {
            ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
            if (handle != null) {
                try {
                    handle.onExit().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException(process + " still alive 60 s after SIG" + signal, e);
                }
            }
        }
    }

    /** Runs {@code service mariadb stop|start}, as bin/split starts it: the machine's MariaDB, the stack's schemas. */
    static void mariadb(String action) throws IOException, InterruptedException {
        String said = run("service", "mariadb", action);
        if (said != null) {
            throw new IllegalStateException("service mariadb " + action + " failed: " + said);
        }
    }

    /** Runs a command; returns null when it succeeded, else what it printed (kept off this command's own output). */
    private static @Nullable String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes()).trim();
        return process.waitFor() == 0 ? null : printed;
    }

    /** Sets Redis's AOF sync policy at run time, as {@code SPLIT_REDIS_APPENDFSYNC} sets it at start. */
    void appendfsync(String policy) throws IOException, InterruptedException {
        ProcessBuilder command = new ProcessBuilder(
                        "redis-cli", "-p", Integer.toString(REDIS_PORT), "CONFIG", "SET", "appendfsync", policy)
                .redirectErrorStream(true);
        command.environment().put("REDISCLI_AUTH", redisPassword);
        Process cli = command.start();
        String reply = new String(cli.getInputStream().readAllBytes()).trim();
        if (cli.waitFor() != 0 || !reply.equals("OK")) {
            throw new IllegalStateException("CONFIG SET appendfsync " + policy + ": " + reply);
        }
        environment.put("SPLIT_REDIS_APPENDFSYNC", policy);
    }

    JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", authorization)
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET %s answered %d".formatted(url, response.statusCode()));
        }
        return Json.read(response.body(), JsonNode.class);
    }

    JsonNode post(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", authorization)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "POST %s answered %d: %s".formatted(url, response.statusCode(), response.body()));
        }
        return Json.read(response.body().isEmpty() ? "{}" : response.body(), JsonNode.class);
    }

    /**
     * Stops the stack and its Redis, and removes its keys, schemas, users and jars. MariaDB is the machine's and stays
     * up: bin/split would stop it as one it started once a scenario had it start MariaDB again.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        Files.deleteIfExists(varDir.resolve("run/mysql.started"));
        split("down", "--all", "--purge");
    }
}
