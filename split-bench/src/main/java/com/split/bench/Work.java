package com.split.bench;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.BusMetrics;
import com.split.tasks.bus.worker.RetryPolicy;
import com.split.tasks.bus.worker.TaskContext;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.bus.worker.WorkerContainer;
import com.split.tasks.bus.worker.WorkerSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code work}: a real {@link WorkerContainer} with a no-op handler. Touches {@code PATH.warm} when the warm-up tasks
 * have settled, writes {@code PATH} when the measured ones have, and runs until SIGTERM, after which it removes every
 * key of its prefix: nothing reads the bench's event streams.
 */
@Command(
        name = "work",
        description = {
            "One worker: runs no-op tasks, writes what they took to --done, runs until SIGTERM.",
            "PATH.warm once the warm-up tasks have settled, PATH once the measured ones have; on SIGTERM it"
                    + " deletes its prefix's keys."
        })
final class Work extends BenchCommand {

    private static final Logger log = LoggerFactory.getLogger(Work.class);

    @Mixin
    private BusOptions bus;

    @Mixin
    private WorkerOptions worker;

    @Option(names = "--warm", defaultValue = "0", description = "warm-up tasks")
    private long warm;

    @Option(
            names = "--target",
            required = true,
            showDefaultValue = Visibility.NEVER,
            description = "measured tasks, after the warm-up ones")
    private long target;

    @Option(names = "--done", required = true, paramLabel = "PATH", description = "where the figures go")
    private Path done;

    @Mixin
    private PrefixOption keys;

    @Option(
            names = "--max-seconds",
            defaultValue = "1800",
            paramLabel = "SECONDS",
            description = "exit after, without a SIGTERM")
    private Duration maxSeconds;

    @Option(names = "--gc-stats", arity = "0..1", description = "heap after a full GC at the warm mark and the end")
    private boolean gcStats;

    @Option(names = "--keep-keys", arity = "0..1", description = "leave the prefix's keys in Redis")
    private boolean keepKeys;

    /** Written to {@code PATH.warm}: the state when the measured part begins. */
    record Warm(long n, double at, double cpuS, long rssKb, long heapUsedAfterGc, RedisInfo redis) {}

    /**
     * Written to {@code PATH}.
     *
     * @param firstStart earliest handler start of a measured task
     * @param lastEnd when the last measured task was settled
     * @param samples handler start minus the payload's {@code enq}, in seconds, for tasks that carry one
     * @param cpuS this process's CPU seconds from the warm mark to {@code lastEnd}
     * @param coldFirstStart the first handler start of all, warm-up included
     */
    record Done(
            long n,
            boolean timedOut,
            double firstStart,
            double lastEnd,
            double[] samples,
            double cpuS,
            long rssKb,
            double coldFirstStart,
            double warmAt,
            double cpuTotalS,
            long rssKbWarm,
            long heapUsedAfterGcWarm,
            long heapUsedAfterGcDone,
            long gcCount,
            double gcSeconds,
            int concurrency,
            int claimBatch,
            RedisInfo redisWarm,
            RedisInfo redisDone,
            double machineWarm,
            double machineDone) {}

    /** Hands the measured tasks to the probe; finishing them is the runtime's job. */
    record NoopHandler(TaskType type, Probe probe) implements TaskHandler {

        @Override
        public TaskOutcome handle(TaskEnvelope task, TaskContext context) {
            probe.started(task.payload().get("enq"));
            return TaskOutcome.success();
        }
    }

    /** Tells the probe about every {@code split.tasks.completed} increment: the runtime's own "settled" signal. */
    static final class SettleCountingRegistry extends SimpleMeterRegistry {

        private final Probe probe;

        SettleCountingRegistry(Probe probe) {
            this.probe = probe;
        }

        @Override
        protected Counter newCounter(Meter.Id id) {
            Counter counter = super.newCounter(id);
            return id.getName().equals("split.tasks.completed") ? new Notifying(counter, probe) : counter;
        }

        private record Notifying(Counter delegate, Probe probe) implements Counter {

            @Override
            public void increment(double amount) {
                delegate.increment(amount);
                for (int i = 0; i < amount; i++) {
                    probe.settled();
                }
            }

            @Override
            public double count() {
                return delegate.count();
            }

            @Override
            public Meter.Id getId() {
                return delegate.getId();
            }
        }
    }

    @Override
    protected void check() {
        worker.check(this);
        atLeast("--warm", warm, 0);
        atLeast("--target", target, 1);
    }

    @Override
    protected void run() throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds.toNanos();
        Probe probe = new Probe(warm, target);
        String prefix = keys.value();
        BenchRedis redis = new BenchRedis(bus.url(), prefix, bus.queue());
        WorkerSettings defaults = WorkerSettings.defaults();
        WorkerSettings settings = new WorkerSettings(
                true,
                worker.concurrency(),
                worker.claimBatch(),
                defaults.pollTimeout(),
                defaults.lease(),
                defaults.heartbeatInterval(),
                defaults.reapInterval(),
                defaults.promoteInterval(),
                defaults.cancelCheckInterval(),
                defaults.shutdownGrace(),
                defaults.statsInterval());
        String workerId = "bench-" + ProcessHandle.current().pid();
        WorkerContainer container = new WorkerContainer(
                redis.parts(),
                List.of(new NoopHandler(redis.type(), probe)),
                Set.of(),
                settings,
                new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10)),
                workerId,
                Clock.systemUTC(),
                new BusMetrics(new SettleCountingRegistry(probe)));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            container.stop();
            if (!keepKeys) {
                redis.deleteKeys(prefix);
            }
            redis.close();
        }));
        container.start();

        if (!probe.warmed().await(remaining(deadline), TimeUnit.NANOSECONDS)) {
            log.warn("Warm-up did not finish: {} of {} tasks settled", probe.settledCount(), warm);
        }
        double warmCpu = ProcStats.cpuSeconds();
        long warmRss = ProcStats.rssKb();
        long warmHeap = gcStats ? ProcStats.heapUsedAfterGc() : -1;
        long[] gcBefore = gc();
        RedisInfo redisWarm = redis.info();
        double machineWarm = ProcStats.machineBusySeconds();
        Json.writeAtomically(
                Path.of(done + ".warm"), new Warm(warm, probe.warmAt() / 1e9, warmCpu, warmRss, warmHeap, redisWarm));

        boolean finished = probe.done().await(remaining(deadline), TimeUnit.NANOSECONDS);
        double doneCpu = ProcStats.cpuSeconds();
        double machineDone = ProcStats.machineBusySeconds();
        RedisInfo redisDone = redis.info();
        long[] gcAfter = gc();
        long rss = ProcStats.rssKb();
        long doneHeap = gcStats ? ProcStats.heapUsedAfterGc() : -1;
        Json.writeAtomically(
                done,
                new Done(
                        probe.measured(),
                        !finished,
                        probe.firstStart() / 1e9,
                        (finished ? probe.lastEnd() : System.nanoTime()) / 1e9,
                        probe.samples(),
                        doneCpu - warmCpu,
                        rss,
                        probe.coldFirstStart() / 1e9,
                        probe.warmAt() / 1e9,
                        doneCpu,
                        warmRss,
                        warmHeap,
                        doneHeap,
                        gcAfter[0] - gcBefore[0],
                        (gcAfter[1] - gcBefore[1]) / 1e3,
                        worker.concurrency(),
                        worker.claimBatch(),
                        redisWarm,
                        redisDone,
                        machineWarm,
                        machineDone));
        // Until SIGTERM, which runs the shutdown hook; the deadline only bounds a forgotten worker.
        Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
        log.warn("Worker reached --max-seconds without a SIGTERM; exiting");
        System.exit(0);
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** Collections and milliseconds spent in them, over every collector. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[] {count, millis};
    }
}
