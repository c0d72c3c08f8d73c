package com.split.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bench command in a JVM of its own, started from the same jar (or class path) as this one: stdout to
 * {@code <name>.out}, stderr to {@code <name>.log} in the run's directory.
 */
final class Child {

    private final String name;
    private final Process process;
    private final Path out;
    private final Path log;

    private Child(String name, Process process, Path out, Path log) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.log = log;
    }

    static Child start(Path dir, String name, List<String> jvmOptions, List<String> command) {
        List<String> line = new ArrayList<>(javaCommand(jvmOptions));
        line.addAll(command);
        Path out = dir.resolve(name + ".out");
        Path log = dir.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(line)
                    .redirectOutput(out.toFile())
                    .redirectError(log.toFile())
                    .start();
            return new Child(name, process, out, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + line, e);
        }
    }

    /** {@code java [options] -jar <this jar>}, or {@code -cp <class path> <main class>} outside a jar (tests, IDE). */
    static List<String> javaCommand(List<String> jvmOptions) {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("java.class.path");
        List<String> line = new ArrayList<>();
        line.add(java);
        line.addAll(jvmOptions);
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            line.addAll(List.of("-jar", classPath));
        } else {
            line.addAll(List.of("-cp", classPath, SplitBench.class.getName()));
        }
        return line;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the command to exit and returns the last line it printed. */
    String awaitOutput(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failure("did not finish within " + timeout);
            }
            if (process.exitValue() != 0) {
                throw failure("exited with " + process.exitValue());
            }
            List<String> lines =
                    Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                throw failure("printed nothing");
            }
            return lines.getLast();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted");
        }
    }

    /** Polls for a file the child writes; fails early if the child dies. */
    void awaitFile(Path file, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!Files.exists(file)) {
                if (!process.isAlive()) {
                    throw failure("exited with " + process.exitValue() + " before writing " + file);
                }
                if (System.nanoTime() > deadline) {
                    throw failure("did not write " + file + " within " + timeout);
                }
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted");
        }
    }

    /** SIGTERM, which runs the child's shutdown hook; SIGKILL if it does not exit within {@code grace}. */
    void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(name + " (pid " + process.pid() + ") " + what + "; see " + log);
    }
}
