package com.split.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * {@code run}: the whole benchmark, each side in a JVM of its own, each phase on a key prefix of its own that is
 * deleted afterwards.
 *
 * <ul>
 *   <li><b>enqueue</b>: {@code produce --mode single}, no worker: publishes per second, one at a time.
 *   <li><b>drain</b>: W + N tasks pre-filled with {@code bulk}, then a worker starts; the first W warm it up, the
 *       throughput is N over the earliest start of the other N to the settling of the last.
 *   <li><b>e2e</b>: a worker warmed on W tasks, then N single publishes; from the first publish to the last settle.
 *   <li><b>latency</b>: a warmed worker, then {@code paced} publishes at each rate; enqueue → handler start.
 * </ul>
 *
 * CPU per task adds the producer's and the worker's process CPU over the measured window and Redis's
 * {@code used_cpu_user + used_cpu_sys} delta over it; Redis commands per task come from {@code INFO commandstats}.
 */
final class Run {

    static final Set<String> OPTIONS = Set.of(
            "tasks",
            "concurrency",
            "claim-batch",
            "redis",
            "queue",
            "rate",
            "latency-seconds",
            "warm",
            "producer-warmup",
            "producer-threads",
            "phases",
            "jvm-opts",
            "worker-jvm-opts",
            "dir",
            "max-seconds");

    static final List<String> PHASES = List.of("enqueue", "drain", "e2e", "latency");

    /**
     * Warm-up tasks per worker and per producer: C2 keeps compiling the bus path for tens of thousands of tasks, and
     * its CPU would otherwise land in the measured window.
     */
    static final long DEFAULT_WARM = 30_000;

    static final long DEFAULT_PRODUCER_WARMUP = 20_000;

    record Enqueue(long n, double perSecond, Cost cost) {}

    record Drain(long n, double perSecond, double coldPerSecond, Cost cost, long rssKbWarm, long rssKbDone) {}

    record EndToEnd(
            long n,
            double perSecond,
            double producerPerSecond,
            Percentiles latencyUnderLoad,
            Cost cost,
            long rssKbWarm,
            long rssKbDone) {}

    record Latency(
            double rate,
            double achievedRate,
            Percentiles latency,
            Percentiles publishLatency,
            Cost cost,
            long rssKbWarm,
            long rssKbDone) {}

    /** Every figure of one run: the JSON line. */
    record Report(
            long tasks,
            int concurrency,
            int claimBatch,
            long warm,
            long producerWarmup,
            int producerThreads,
            String redis,
            List<String> jvmOpts,
            @Nullable Enqueue enqueue,
            @Nullable Drain drain,
            @Nullable EndToEnd e2e,
            List<Latency> latency) {}

    private final Settings settings;
    private final BenchRedis redis;
    private final String base = "split-bench-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final PrintStream progress = System.err;

    private record Settings(
            long tasks,
            int concurrency,
            int claimBatch,
            String url,
            String queue,
            List<Double> rates,
            Duration latencyWindow,
            long warm,
            long producerWarmup,
            int producerThreads,
            List<String> phases,
            List<String> jvmOpts,
            List<String> workerJvmOpts,
            Path dir,
            Duration timeout) {}

    private Run(Settings settings, BenchRedis redis) {
        this.settings = settings;
        this.redis = redis;
    }

    static Report run(Args args, PrintStream out) throws IOException {
        args.allowOnly(OPTIONS);
        List<String> phases =
                List.of(args.string("phases", String.join(",", PHASES)).split(","));
        for (String phase : phases) {
            if (!PHASES.contains(phase)) {
                throw new IllegalArgumentException("--phases takes " + PHASES + ", not '" + phase + "'");
            }
        }
        Settings settings = new Settings(
                args.positive("tasks", 20_000),
                args.intAtLeast("concurrency", 64, 1),
                args.intAtLeast("claim-batch", 0, 0),
                args.string("redis", BenchRedis.DEFAULT_URL),
                args.string("queue", BenchRedis.DEFAULT_QUEUE),
                args.positives("rate", List.of(100.0, 1000.0)),
                args.seconds("latency-seconds", Duration.ofSeconds(10)),
                args.atLeast("warm", DEFAULT_WARM, 0),
                args.atLeast("producer-warmup", DEFAULT_PRODUCER_WARMUP, 0),
                args.intAtLeast("producer-threads", 1, 1),
                phases,
                words(args.string("jvm-opts", "")),
                words(args.string("worker-jvm-opts", "")),
                args.options().containsKey("dir")
                        ? Files.createDirectories(Path.of(args.required("dir")))
                        : Files.createTempDirectory("split-bench-"),
                args.seconds("max-seconds", Duration.ofMinutes(10)));
        try (BenchRedis redis = new BenchRedis(settings.url(), BenchRedis.DEFAULT_PREFIX, settings.queue())) {
            Report report = new Run(settings, redis).all();
            print(report, out);
            out.println(Json.line(report));
            return report;
        }
    }

    static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    private Report all() {
        progress.printf("split-bench run: prefix %s, files in %s%n", base, settings.dir());
        Enqueue enqueue = settings.phases().contains("enqueue") ? enqueue() : null;
        Drain drain = settings.phases().contains("drain") ? drain() : null;
        EndToEnd e2e = settings.phases().contains("e2e") ? endToEnd() : null;
        List<Latency> latency = new ArrayList<>();
        if (settings.phases().contains("latency")) {
            for (double rate : settings.rates()) {
                latency.add(latency(rate));
            }
        }
        return new Report(
                settings.tasks(),
                settings.concurrency(),
                settings.claimBatch(),
                settings.warm(),
                settings.producerWarmup(),
                settings.producerThreads(),
                settings.url(),
                settings.jvmOpts(),
                enqueue,
                drain,
                e2e,
                latency);
    }

    private Enqueue enqueue() {
        String prefix = base + "-enqueue";
        progress.printf("enqueue: %d single publishes, no worker%n", settings.tasks());
        try {
            Produce.Result produced = produce("enqueue-producer", prefix, "single", settings.tasks(), null);
            return new Enqueue(
                    produced.n(),
                    produced.perSecond(),
                    Cost.of(
                            produced.n(),
                            produced.cpuS(),
                            0,
                            produced.redisAfter().minus(produced.redisBefore()),
                            produced.tLast() - produced.tFirst(),
                            produced.machineAfter() - produced.machineBefore()));
        } finally {
            clean(prefix);
        }
    }

    private Drain drain() {
        String prefix = base + "-drain";
        long n = settings.tasks();
        progress.printf("drain: %d + %d tasks pre-filled with bulk, then a worker starts%n", settings.warm(), n);
        Sides.Worker worker = null;
        try {
            produce("drain-prefill", prefix, "bulk", settings.warm() + n, null);
            worker = startWorker("drain-worker", prefix, n);
            long rssWarm = worker.awaitWarm();
            Work.Done done = worker.awaitDone();
            long rssDone = ProcStats.rssKb(worker.child().pid());
            return new Drain(
                    done.n(),
                    done.n() / (done.lastEnd() - done.firstStart()),
                    (settings.warm() + done.n()) / (done.lastEnd() - done.coldFirstStart()),
                    Cost.of(
                            done.n(),
                            0,
                            done.cpuS(),
                            done.redisDone().minus(done.redisWarm()),
                            done.lastEnd() - done.warmAt(),
                            done.machineDone() - done.machineWarm()),
                    rssWarm,
                    rssDone);
        } finally {
            Sides.stop(worker);
            clean(prefix);
        }
    }

    private EndToEnd endToEnd() {
        String prefix = base + "-e2e";
        long n = settings.tasks();
        progress.printf("e2e: worker warmed on %d tasks, then %d single publishes%n", settings.warm(), n);
        Sides.Worker worker = null;
        try {
            worker = startWorker("e2e-worker", prefix, n);
            produce("e2e-warmup", prefix, "bulk", settings.warm(), null);
            long rssWarm = worker.awaitWarm();
            Produce.Result produced = produce("e2e-producer", prefix, "single", n, null);
            Work.Done done = worker.awaitDone();
            long rssDone = ProcStats.rssKb(worker.child().pid());
            return new EndToEnd(
                    done.n(),
                    done.n() / (done.lastEnd() - produced.tFirst()),
                    produced.perSecond(),
                    Percentiles.of(done.samples()),
                    endToEndCost(produced, done),
                    rssWarm,
                    rssDone);
        } finally {
            Sides.stop(worker);
            clean(prefix);
        }
    }

    private Latency latency(double rate) {
        String prefix = base + "-latency-" + Math.round(rate);
        long n = Math.max(1, Math.round(rate * settings.latencyWindow().toNanos() / 1e9));
        progress.printf(
                "latency: worker warmed on %d tasks, then %d paced publishes at %.0f/s%n", settings.warm(), n, rate);
        Sides.Worker worker = null;
        try {
            worker = startWorker("latency-" + Math.round(rate) + "-worker", prefix, n);
            produce("latency-" + Math.round(rate) + "-warmup", prefix, "bulk", settings.warm(), null);
            long rssWarm = worker.awaitWarm();
            Produce.Result produced = produce("latency-" + Math.round(rate) + "-producer", prefix, "paced", n, rate);
            Work.Done done = worker.awaitDone();
            long rssDone = ProcStats.rssKb(worker.child().pid());
            return new Latency(
                    rate,
                    produced.perSecond(),
                    Percentiles.of(done.samples()),
                    produced.publishLatency(),
                    endToEndCost(produced, done),
                    rssWarm,
                    rssDone);
        } finally {
            Sides.stop(worker);
            clean(prefix);
        }
    }

    /** From the first publish to the last settle; the worker's CPU counts from its warm mark, a little earlier. */
    private static Cost endToEndCost(Produce.Result produced, Work.Done done) {
        return Cost.of(
                done.n(),
                produced.cpuS(),
                done.cpuS(),
                done.redisDone().minus(produced.redisBefore()),
                done.lastEnd() - produced.tFirst(),
                done.machineDone() - produced.machineBefore());
    }

    private Produce.Result produce(String name, String prefix, String mode, long n, @Nullable Double rate) {
        List<String> options = new ArrayList<>();
        if (mode.equals("single") && settings.producerThreads() > 1) {
            options.addAll(List.of("--threads", Integer.toString(settings.producerThreads())));
        }
        if (!mode.equals("bulk") && settings.producerWarmup() > 0) {
            options.addAll(List.of("--warmup", Long.toString(settings.producerWarmup())));
        }
        return sides().produce(name, prefix, mode, n, rate, options);
    }

    private Sides.Worker startWorker(String name, String prefix, long target) {
        return sides().startWorker(
                        name,
                        prefix,
                        settings.concurrency(),
                        settings.claimBatch(),
                        settings.warm(),
                        target,
                        List.of());
    }

    private Sides sides() {
        return new Sides(
                settings.dir(),
                settings.url(),
                settings.queue(),
                settings.jvmOpts(),
                settings.workerJvmOpts(),
                settings.timeout());
    }

    private void clean(String prefix) {
        redis.deleteKeys(prefix);
        redis.deleteKeys(prefix + "-warmup");
    }

    // ---- the table -----------------------------------------------------------------------------------------------

    static void print(Report report, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%nSPLit bus: %,d no-op tasks, concurrency %d, claim batch %s, warm-up %,d (worker) / %,d (producer), %d publishing thread(s), %s%s%n",
                report.tasks(),
                report.concurrency(),
                report.claimBatch() == 0 ? "= concurrency" : Integer.toString(report.claimBatch()),
                report.warm(),
                report.producerWarmup(),
                report.producerThreads(),
                report.redis(),
                report.jvmOpts().isEmpty() ? "" : ", JVM " + String.join(" ", report.jvmOpts()));
        String row = "%-34s %14s %11s   %-26s %9s   %-13s %s%n";
        out.printf(
                Locale.ROOT,
                row,
                "figure",
                "value",
                "goal",
                "CPU µs/task (P + W + R)",
                "cmds/task",
                "worker RSS MB",
                "machine busy / other, cores");
        if (report.enqueue() != null) {
            Enqueue e = report.enqueue();
            out.printf(
                    Locale.ROOT,
                    row,
                    "enqueue, single publishes",
                    rate(e.perSecond()),
                    "",
                    e.cost().cpuCell(),
                    calls(e.cost()),
                    "",
                    e.cost().machineCell());
        }
        if (report.drain() != null) {
            Drain d = report.drain();
            out.printf(
                    Locale.ROOT,
                    row,
                    "drain, warm worker",
                    rate(d.perSecond()),
                    "≥ 25,000/s",
                    d.cost().cpuCell(),
                    calls(d.cost()),
                    rss(d.rssKbWarm(), d.rssKbDone()),
                    d.cost().machineCell());
            out.printf(Locale.ROOT, row, "drain incl. JVM warm-up (W+N)", rate(d.coldPerSecond()), "", "", "", "", "");
        }
        if (report.e2e() != null) {
            EndToEnd e = report.e2e();
            out.printf(
                    Locale.ROOT,
                    row,
                    "end-to-end, single publishes",
                    rate(e.perSecond()),
                    "≥ 10,000/s",
                    e.cost().cpuCell(),
                    calls(e.cost()),
                    rss(e.rssKbWarm(), e.rssKbDone()),
                    e.cost().machineCell());
            out.printf(Locale.ROOT, row, "  producer alone", rate(e.producerPerSecond()), "", "", "", "", "");
            out.printf(
                    Locale.ROOT,
                    row,
                    "  enqueue→start under load p50/p99",
                    millis(e.latencyUnderLoad()),
                    "",
                    "",
                    "",
                    "",
                    "");
        }
        for (Latency l : report.latency()) {
            String goal = l.rate() <= 100 ? "p99 ≤ 2 ms" : l.rate() <= 1000 ? "p99 ≤ 5 ms" : "";
            out.printf(
                    Locale.ROOT,
                    row,
                    "enqueue→start @%.0f/s p50/p90/p99".formatted(l.rate()),
                    "%.2f/%.2f/%.2f ms"
                            .formatted(
                                    l.latency().p50() * 1e3,
                                    l.latency().p90() * 1e3,
                                    l.latency().p99() * 1e3),
                    goal,
                    l.cost().cpuCell(),
                    calls(l.cost()),
                    rss(l.rssKbWarm(), l.rssKbDone()),
                    l.cost().machineCell());
            out.printf(
                    Locale.ROOT,
                    row,
                    "  of which publish call p50/p99",
                    millis(l.publishLatency()),
                    "",
                    "",
                    "",
                    "",
                    "");
            out.printf(
                    Locale.ROOT,
                    row,
                    "  max, samples, achieved rate",
                    "%.2f ms, %d".formatted(l.latency().max() * 1e3, l.latency().count()),
                    "%.0f/s".formatted(l.achievedRate()),
                    "",
                    "",
                    "",
                    "");
        }
        out.println("Redis commands per task (calls, µs inside Redis), busiest first:");
        if (report.enqueue() != null) {
            out.println("  enqueue: " + report.enqueue().cost().commandsCell(6));
        }
        if (report.drain() != null) {
            out.println("  drain:   " + report.drain().cost().commandsCell(8));
        }
        if (report.e2e() != null) {
            out.println("  e2e:     " + report.e2e().cost().commandsCell(8));
        }
        out.println("P = producer process, W = worker process, R = Redis server (INFO cpu); windows exclude warm-up.");
        out.println(
                "machine busy = all cores' busy time in the window (/proc/stat); other = what P, W and R do not account for"
                        + " (another build or test on the machine makes the figures pessimistic).");
    }

    private static String rate(double perSecond) {
        return "%,.0f/s".formatted(perSecond);
    }

    private static String calls(Cost cost) {
        return "%.2f".formatted(cost.redisCallsPerTask());
    }

    private static String rss(long warmKb, long doneKb) {
        return "%d → %d".formatted(warmKb / 1024, doneKb / 1024);
    }

    private static String millis(Percentiles p) {
        return p.count() == 0 ? "-" : "%.2f/%.2f ms".formatted(p.p50() * 1e3, p.p99() * 1e3);
    }
}
