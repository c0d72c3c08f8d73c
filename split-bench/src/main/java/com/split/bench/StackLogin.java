package com.split.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The HTTP Basic login of the benches that drive a stack bin/split runs: {@code SPLIT_BENCH_USER} and
 * {@code SPLIT_BENCH_PASSWORD} when set, else the development admin of {@code docker/dev.env}, which bin/split uses
 * unless told otherwise.
 */
final class StackLogin {

    private static final String ADMIN = "user_zero";
    private static final String ADMIN_PASSWORD_VARIABLE = "SPLIT_ADMIN_PASSWORD=";
    private static final String PLAIN = "{noop}";

    private StackLogin() {}

    /** The {@code Authorization} header's value. */
    static String header() {
        String user = System.getenv().getOrDefault("SPLIT_BENCH_USER", ADMIN);
        String password = System.getenv("SPLIT_BENCH_PASSWORD");
        if (password == null) {
            password = developmentPassword(ChaosStack.repositoryRoot().resolve("docker/dev.env"));
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String developmentPassword(Path devEnv) {
        try {
            return Files.readAllLines(devEnv).stream()
                    .filter(line -> line.startsWith(ADMIN_PASSWORD_VARIABLE + PLAIN))
                    .map(line -> line.substring(ADMIN_PASSWORD_VARIABLE.length() + PLAIN.length()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(devEnv + " has no " + ADMIN_PASSWORD_VARIABLE + PLAIN
                            + "...: set SPLIT_BENCH_USER and SPLIT_BENCH_PASSWORD"));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + devEnv + ": set SPLIT_BENCH_USER and SPLIT_BENCH_PASSWORD", e);
        }
    }
}
