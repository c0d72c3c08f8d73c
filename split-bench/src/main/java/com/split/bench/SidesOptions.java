package com.split.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The producer and worker JVMs a command starts ({@link Sides}): their bus, JVM options, directory and time limit. */
final class SidesOptions {

    @Mixin
    private BusOptions bus;

    @Option(names = "--jvm-opts", paramLabel = "\"...\"", description = "every child JVM's options")
    private @Nullable String jvmOpts;

    @Option(
            names = "--worker-jvm-opts",
            paramLabel = "\"...\"",
            description = "the workers' too; {name} becomes the worker's name")
    private @Nullable String workerJvmOpts;

    @Option(names = "--dir", description = "where the children's output goes (default: a new temporary directory)")
    private @Nullable Path dir;

    @Option(
            names = "--max-seconds",
            defaultValue = "600",
            paramLabel = "SECONDS",
            description = "how long one producer, worker or wait may take")
    private Duration timeout;

    /** Creates the directory when it does not exist. */
    Sides sides() throws IOException {
        return new Sides(
                dir == null ? Files.createTempDirectory("split-bench-") : Files.createDirectories(dir),
                bus.url(),
                bus.queue(),
                words(jvmOpts),
                words(workerJvmOpts),
                timeout);
    }

    /** {@code --jvm-opts "-Xmx1g -XX:+UseZGC"} as a command line's words. */
    static List<String> words(@Nullable String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }
}
