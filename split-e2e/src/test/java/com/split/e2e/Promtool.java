package com.split.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Prometheus' {@code promtool}, from Debian's {@code prometheus} package (CI installs it), run in the repository's root.
 */
final class Promtool {

    /** What promtool printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {}

    private Promtool() {}

    static Result run(@Nullable String input, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(Stack.repositoryRoot().toFile())
                .redirectErrorStream(true)
                .start();
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool " + String.join(" ", arguments) + " did not end in a minute");
        }
        return new Result(process.exitValue(), output);
    }
}
