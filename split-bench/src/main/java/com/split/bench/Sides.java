package com.split.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Starts the producer and worker JVMs of a command ({@code run}, {@code journal}): one Redis, one queue, the same JVM
 * options, output files in one directory.
 *
 * @param workerJvmOpts added to {@code jvmOpts} for workers; {@code {name}} becomes the worker's name
 * @param timeout how long one producer or worker may take
 */
record Sides(Path dir, String url, String queue, List<String> jvmOpts, List<String> workerJvmOpts, Duration timeout) {

    /** Runs {@code produce} to its end; {@code options} are added to its command line. */
    Produce.Result produce(
            String name, String prefix, String mode, long n, @Nullable Double rate, List<String> options) {
        List<String> command =
                onBus("produce", prefix, "--mode", mode, "--n", Long.toString(n), "--max-seconds", seconds(timeout));
        if (rate != null) {
            command.addAll(List.of("--rate", Double.toString(rate)));
        }
        command.addAll(options);
        Child child = Child.start(dir, name, jvmOpts, command);
        Produce.Result result = Json.read(child.awaitOutput(timeout.plusMinutes(1)), Produce.Result.class);
        if (result.timedOut()) {
            throw new IllegalStateException(name + " ran out of time after " + result.n() + " of " + n + " tasks");
        }
        return result;
    }

    /** Starts {@code work}: it warms up on {@code warm} tasks, then reports on the next {@code target}. */
    Worker startWorker(
            String name, String prefix, int concurrency, int claimBatch, long warm, long target, List<String> options) {
        Path done = dir.resolve(name + ".json");
        try {
            // A file of an earlier run in the same --dir would read as this worker's.
            Files.deleteIfExists(done);
            Files.deleteIfExists(Path.of(done + ".warm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> jvm = new ArrayList<>(jvmOpts);
        jvm.addAll(workerJvmOpts.stream()
                .map(option -> option.replace("{name}", name))
                .toList());
        List<String> command = onBus(
                "work",
                prefix,
                "--concurrency",
                Integer.toString(concurrency),
                "--claim-batch",
                Integer.toString(claimBatch),
                "--warm",
                Long.toString(warm),
                "--target",
                Long.toString(target),
                "--done",
                done.toString(),
                "--max-seconds",
                seconds(timeout.multipliedBy(3)));
        command.addAll(options);
        return new Worker(Child.start(dir, name, jvm, command), done, timeout);
    }

    /** The bus's connection for the command itself, on the same Redis and queue as its producers and workers. */
    BenchRedis redis() {
        return new BenchRedis(url, BenchRedis.DEFAULT_PREFIX, queue);
    }

    /** A child's command line on this bus: {@code command --redis URL --queue Q --prefix P}, then {@code options}. */
    private List<String> onBus(String command, String prefix, String... options) {
        List<String> line = new ArrayList<>(List.of(command, "--redis", url, "--queue", queue, "--prefix", prefix));
        line.addAll(List.of(options));
        return line;
    }

    static void stop(@Nullable Worker worker) {
        if (worker != null) {
            worker.child().stop(Duration.ofSeconds(30));
        }
    }

    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, duration.toSeconds()));
    }

    record Worker(Child child, Path done, Duration timeout) {

        long awaitWarm() {
            child.awaitFile(Path.of(done + ".warm"), timeout);
            return ProcStats.rssKb(child.pid());
        }

        Work.Done awaitDone() {
            child.awaitFile(done, timeout);
            Work.Done result = Json.read(done, Work.Done.class);
            if (result.timedOut()) {
                throw new IllegalStateException("worker timed out after " + result.n() + " measured tasks");
            }
            return result;
        }
    }
}
