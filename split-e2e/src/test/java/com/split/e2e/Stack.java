package com.split.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A whole SPLit stack started the way the README tells a user to, {@code bin/split up}, beside anything else on this
 * machine: its own var directory, ports moved by {@value #PORT_OFFSET} (Redis's too: {@code bin/split} starts one of
 * the stack's own, which a test may kill), its own Redis key prefix and schema prefix, all removed again by
 * {@link #close()}.
 */
final class Stack implements AutoCloseable {

    static final int PORT_OFFSET = 500;
    private static final Duration UP_PATIENCE = Duration.ofMinutes(8);

    private final Path root;
    private final Path varDir;
    private final Map<String, String> environment = new HashMap<>();

    private Stack(Path root) {
        this.root = root;
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        this.varDir = root.resolve("split-e2e/target/stack-" + id);
        environment.put("SPLIT_VAR_DIR", varDir.toString());
        environment.put("SPLIT_PORT_OFFSET", Integer.toString(PORT_OFFSET));
        environment.put("SPLIT_REDIS_PORT", Integer.toString(6379 + PORT_OFFSET));
        environment.put("SPLIT_KEY_PREFIX", "e2e-" + id);
        environment.put("SPLIT_SCHEMA_PREFIX", "e2e_" + id + "_");
        // Seven JVMs starting at once on a small CI machine take a while.
        environment.put("SPLIT_WAIT_SECONDS", "420");
    }

    /** @param settings more of bin/split's settings, such as {@code SPLIT_OTLP_ENDPOINT} */
    static Stack up(Map<String, String> settings) throws Exception {
        Stack stack = new Stack(repositoryRoot());
        stack.environment.putAll(settings);
        stack.split("up");
        return stack;
    }

    /** The repository's root, whether the tests run in it or in split-e2e. */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("bin/split")) ? here : here.getParent();
    }

    String baseUrl(String service) {
        int port = switch (service) {
            case "portfolio-mngr" -> 8081;
            case "data-orchestrator" -> 8082;
            case "yahoo-gateway" -> 8083;
            case "init-filter" -> 8084;
            case "final-sel" -> 8085;
            case "event-srv" -> 8086;
            case "log-srv" -> 8087;
            default -> throw new IllegalArgumentException("no service " + service);
        };
        return "http://127.0.0.1:" + (port + PORT_OFFSET);
    }

    /** Runs {@code bin/split} with this stack's settings; fails the test with its output unless it exits 0. */
    String split(String... arguments) throws IOException, InterruptedException {
        Files.createDirectories(varDir);
        Path output = Files.createTempFile(varDir, "split-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command(arguments))
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(UP_PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String printed = Files.readString(output);
        assertThat(finished)
                .as(
                        "bin/split %s did not finish within %s; it printed:%n%s",
                        String.join(" ", arguments), UP_PATIENCE, printed)
                .isTrue();
        assertThat(process.exitValue())
                .as("bin/split %s printed:%n%s", String.join(" ", arguments), printed)
                .isZero();
        return printed;
    }

    private List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/split").toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** The pid of a running service's main instance, or of the stack's Redis, from bin/split's pid file. */
    long pid(String service) throws IOException {
        return Long.parseLong(
                Files.readString(varDir.resolve("run/" + service + ".pid")).trim());
    }

    /** Stops the stack and its Redis, and removes its keys, schemas and users. */
    @Override
    public void close() throws Exception {
        split("down", "--all", "--purge");
    }
}
