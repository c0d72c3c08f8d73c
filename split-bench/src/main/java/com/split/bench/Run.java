package com.split.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    enum Phase {
        ENQUEUE,
        DRAIN,
        E2E,
        LATENCY
    }

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
            Produce.Priorities priority,
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
            List<Double> rates,
            Duration latencyWindow,
            long warm,
            long producerWarmup,
            int producerThreads,
            Produce.Priorities priority,
            List<Phase> phases,
            Sides sides,
            List<String> workerArguments) {}

    private Run(Settings settings, BenchRedis redis) {
        this.settings = settings;
        this.redis = redis;
    }

    /** The options of {@code run}. */
    @Command(
            name = "run",
            description = {
                "The whole bus benchmark: enqueue, drain, end-to-end and latency, each side in a JVM of its own.",
                "Throughput, latency, CPU and Redis commands per task; each phase on a key prefix of its own,"
                        + " deleted afterwards."
            })
    static final class Options extends BenchCommand {

        @Option(names = "--tasks", defaultValue = "20000", description = "measured tasks per phase")
        private long tasks;

        @Mixin
        private WorkerOptions worker;

        @Mixin
        private SidesOptions sides;

        @Option(
                names = "--rate",
                split = ",",
                paramLabel = "RATE",
                defaultValue = "100,1000",
                description = "the latency phase's publishes per second, one run each")
        private List<Double> rates;

        @Option(
                names = "--latency-seconds",
                defaultValue = "10",
                paramLabel = "SECONDS",
                description = "how long each latency run publishes")
        private Duration latencyWindow;

        @Option(names = "--warm", defaultValue = "" + DEFAULT_WARM, description = "warm-up tasks per worker")
        private long warm;

        @Option(
                names = "--producer-warmup",
                defaultValue = "" + DEFAULT_PRODUCER_WARMUP,
                description = "warm-up tasks per single or paced producer")
        private long producerWarmup;

        @Option(
                names = "--producer-threads",
                defaultValue = "1",
                description = "publishing threads of the single producers")
        private int producerThreads;

        @Option(
                names = "--priority",
                defaultValue = "normal",
                description = "the tasks' priority: normal, high, low, or mixed (the three in turn)")
        private Produce.Priorities priority;

        @Option(
                names = "--phases",
                split = ",",
                paramLabel = "PHASE",
                defaultValue = "enqueue,drain,e2e,latency",
                description = "of ${COMPLETION-CANDIDATES}")
        private List<Phase> phases;

        @Override
        protected void check() {
            atLeast("--tasks", tasks, 1);
            worker.check(this);
            rates.forEach(rate -> positive("--rate", rate));
            atLeast("--warm", warm, 0);
            atLeast("--producer-warmup", producerWarmup, 0);
            atLeast("--producer-threads", producerThreads, 1);
        }

        @Override
        protected void run() throws IOException {
            Settings settings = new Settings(
                    tasks,
                    worker.concurrency(),
                    worker.claimBatch(),
                    List.copyOf(rates),
                    latencyWindow,
                    warm,
                    producerWarmup,
                    producerThreads,
                    priority,
                    List.copyOf(phases),
                    sides.sides(),
                    worker.childArguments());
            try (BenchRedis redis = settings.sides().redis()) {
                Report report = new Run(settings, redis).all();
                print(report, System.out);
                System.out.println(Json.line(report));
            }
        }
    }

    private Report all() {
        progress.printf(
                "split-bench run: prefix %s, files in %s%n",
                base, settings.sides().dir());
        Enqueue enqueue = settings.phases().contains(Phase.ENQUEUE) ? enqueue() : null;
        Drain drain = settings.phases().contains(Phase.DRAIN) ? drain() : null;
        EndToEnd e2e = settings.phases().contains(Phase.E2E) ? endToEnd() : null;
        List<Latency> latency = new ArrayList<>();
        if (settings.phases().contains(Phase.LATENCY)) {
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
                settings.priority(),
                settings.sides().url(),
                settings.sides().jvmOpts(),
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
        Published p = warmThenPublish("e2e", prefix, n, "single", null);
        return new EndToEnd(
                p.done().n(),
                p.done().n() / (p.done().lastEnd() - p.produced().tFirst()),
                p.produced().perSecond(),
                Percentiles.of(p.done().samples()),
                endToEndCost(p.produced(), p.done()),
                p.rssKbWarm(),
                p.rssKbDone());
    }

    private Latency latency(double rate) {
        String prefix = base + "-latency-" + Math.round(rate);
        long n = Math.max(1, Math.round(rate * settings.latencyWindow().toNanos() / 1e9));
        progress.printf(
                "latency: worker warmed on %d tasks, then %d paced publishes at %.0f/s%n", settings.warm(), n, rate);
        Published p = warmThenPublish("latency-" + Math.round(rate), prefix, n, "paced", rate);
        return new Latency(
                rate,
                p.produced().perSecond(),
                Percentiles.of(p.done().samples()),
                p.produced().publishLatency(),
                endToEndCost(p.produced(), p.done()),
                p.rssKbWarm(),
                p.rssKbDone());
    }

    /** A phase with a warm worker: what its producer and its worker reported, and the worker's RSS at both ends. */
    private record Published(Produce.Result produced, Work.Done done, long rssKbWarm, long rssKbDone) {}

    /**
     * Starts {@code name}-worker for {@code n} tasks, warms it on {@code --warm} bulk tasks, then publishes the
     * measured {@code n} with {@code name}-producer; the phase's keys are deleted afterwards.
     */
    private Published warmThenPublish(String name, String prefix, long n, String mode, @Nullable Double rate) {
        Sides.Worker worker = null;
        try {
            worker = startWorker(name + "-worker", prefix, n);
            produce(name + "-warmup", prefix, "bulk", settings.warm(), null);
            long rssWarm = worker.awaitWarm();
            Produce.Result produced = produce(name + "-producer", prefix, mode, n, rate);
            Work.Done done = worker.awaitDone();
            return new Published(
                    produced, done, rssWarm, ProcStats.rssKb(worker.child().pid()));
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
        // A bulk fill only stocks the backlog a worker drains: nothing of it is timed.
        long warmup = mode.equals("bulk") ? 0 : settings.producerWarmup();
        options.addAll(List.of(
                "--warmup",
                Long.toString(warmup),
                "--priority",
                settings.priority().name()));
        return settings.sides().produce(name, prefix, mode, n, rate, options);
    }

    private Sides.Worker startWorker(String name, String prefix, long target) {
        return settings.sides()
                .startWorker(
                        name,
                        prefix,
                        settings.concurrency(),
                        settings.claimBatch(),
                        settings.warm(),
                        target,
                        settings.workerArguments());
    }

    private void clean(String prefix) {
        redis.deleteKeys(prefix);
        redis.deleteKeys(prefix + "-warmup");
    }

    // ---- the table -----------------------------------------------------------------------------------------------

    private static final String ROW = "%-34s %14s %11s   %-26s %9s   %-13s %s%n";

    static void print(Report report, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%nSPLit bus: %,d no-op tasks (priority %s), concurrency %d, claim batch %s, warm-up %,d (worker) / %,d (producer), %d publishing thread(s), %s%s%n",
                report.tasks(),
                report.priority().name().toLowerCase(Locale.ROOT),
                report.concurrency(),
                report.claimBatch() == 0 ? "= concurrency" : Integer.toString(report.claimBatch()),
                report.warm(),
                report.producerWarmup(),
                report.producerThreads(),
                report.redis(),
                report.jvmOpts().isEmpty() ? "" : ", JVM " + String.join(" ", report.jvmOpts()));
        out.printf(
                Locale.ROOT,
                ROW,
                "figure",
                "value",
                "goal",
                "CPU µs/task (P + W + R)",
                "cmds/task",
                "worker RSS MB",
                "machine busy / other, cores");
        if (report.enqueue() != null) {
            Enqueue e = report.enqueue();
            row(out, "enqueue, single publishes", rate(e.perSecond()), "", e.cost(), "");
        }
        if (report.drain() != null) {
            Drain d = report.drain();
            row(
                    out,
                    "drain, warm worker",
                    rate(d.perSecond()),
                    "≥ 25,000/s",
                    d.cost(),
                    rss(d.rssKbWarm(), d.rssKbDone()));
            detail(out, "drain incl. JVM warm-up (W+N)", rate(d.coldPerSecond()), "");
        }
        if (report.e2e() != null) {
            EndToEnd e = report.e2e();
            row(
                    out,
                    "end-to-end, single publishes",
                    rate(e.perSecond()),
                    "≥ 10,000/s",
                    e.cost(),
                    rss(e.rssKbWarm(), e.rssKbDone()));
            detail(out, "  producer alone", rate(e.producerPerSecond()), "");
            detail(out, "  enqueue→start under load p50/p99", millis(e.latencyUnderLoad()), "");
        }
        for (Latency l : report.latency()) {
            String goal = l.rate() <= 100 ? "p99 ≤ 2 ms" : l.rate() <= 1000 ? "p99 ≤ 5 ms" : "";
            row(
                    out,
                    "enqueue→start @%.0f/s p50/p90/p99".formatted(l.rate()),
                    "%.2f/%.2f/%.2f ms"
                            .formatted(
                                    l.latency().p50() * 1e3,
                                    l.latency().p90() * 1e3,
                                    l.latency().p99() * 1e3),
                    goal,
                    l.cost(),
                    rss(l.rssKbWarm(), l.rssKbDone()));
            detail(out, "  of which publish call p50/p99", millis(l.publishLatency()), "");
            detail(
                    out,
                    "  max, samples, achieved rate",
                    "%.2f ms, %d".formatted(l.latency().max() * 1e3, l.latency().count()),
                    "%.0f/s".formatted(l.achievedRate()));
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

    /** A figure with the costs of the phase it measured. */
    private static void row(PrintStream out, String figure, String value, String goal, Cost cost, String rss) {
        out.printf(Locale.ROOT, ROW, figure, value, goal, cost.cpuCell(), calls(cost), rss, cost.machineCell());
    }

    /** A figure of the phase in the row above, whose costs that row shows. */
    private static void detail(PrintStream out, String figure, String value, String goal) {
        out.printf(Locale.ROOT, ROW, figure, value, goal, "", "", "", "");
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
