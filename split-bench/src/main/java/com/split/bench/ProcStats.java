package com.split.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/** CPU and memory of a process, from the JVM and from {@code /proc}. */
final class ProcStats {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcStats() {}

    /** This process's CPU time (every thread, GC and JIT included), in seconds. */
    static double cpuSeconds() {
        return OS.getProcessCpuTime() / 1e9;
    }

    /** {@code System.nanoTime()} in seconds: CLOCK_MONOTONIC, comparable between processes on one machine. */
    static double now() {
        return System.nanoTime() / 1e9;
    }

    /**
     * CPU seconds the whole machine has been busy (every core, every process: {@code /proc/stat} less idle and iowait),
     * so that a run can tell how much of the machine something else used meanwhile. -1 where there is no /proc.
     */
    static double machineBusySeconds() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy / 100.0; // USER_HZ
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A process's CPU time (utime + stime of {@code /proc/<pid>/stat}, in ticks of 1/100 s), or NaN if it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The first process of this machine whose command name is one of {@code names}, if any ({@code /proc/<pid>/comm}). */
    static OptionalLong find(String... names) {
        Set<String> wanted = Set.of(names);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(dir -> {
                        try {
                            return wanted.contains(
                                    Files.readString(dir.resolve("comm")).strip());
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .mapToLong(dir -> Long.parseLong(dir.getFileName().toString()))
                    .findFirst();
        } catch (IOException | UncheckedIOException notLinux) {
            return OptionalLong.empty();
        }
    }

    /** VmRSS of a process in KiB, or -1 if it is gone or this is not Linux. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone, or not Linux
        }
        return -1;
    }

    static long rssKb() {
        return rssKb(ProcessHandle.current().pid());
    }

    /** Heap in use right after a full collection: what the process really keeps, not what it has not yet collected. */
    @SuppressWarnings("java:S1215") // the point is to measure after a GC
    static long heapUsedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
