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

/**
 * {@code work}: a real {@link WorkerContainer} with a no-op handler. Touches {@code PATH.warm} when the warm-up tasks
 * have settled, writes {@code PATH} when the measured ones have, and runs until SIGTERM, after which it removes every
 * key of its prefix: nothing reads the bench's event streams.
 */
final class Work {

    static final Set<String> OPTIONS = Set.of(
            "redis",
            "queue",
            "concurrency",
            "claim-batch",
            "warm",
            "target",
            "done",
            "prefix",
            "max-seconds",
            "gc-stats",
            "keep-keys");

    private static final Logger log = LoggerFactory.getLogger(Work.class);

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

    private Work() {}

    static void run(Args args) throws InterruptedException {
        args.allowOnly(OPTIONS);
        int concurrency = args.intAtLeast("concurrency", 64, 1);
        int claimBatch = args.intAtLeast("claim-batch", 0, 0);
        long warm = args.atLeast("warm", 0, 0);
        long target = args.positive("target", 0);
        Path done = Path.of(args.required("done"));
        String prefix = args.string("prefix", BenchRedis.DEFAULT_PREFIX);
        boolean gcStats = args.flag("gc-stats");
        long deadline = System.nanoTime()
                + args.seconds("max-seconds", Duration.ofMinutes(30)).toNanos();

        Probe probe = new Probe(warm, target);
        BenchRedis redis = new BenchRedis(
                args.string("redis", BenchRedis.DEFAULT_URL), prefix, args.string("queue", BenchRedis.DEFAULT_QUEUE));
        WorkerSettings defaults = WorkerSettings.defaults();
        WorkerSettings settings = new WorkerSettings(
                true,
                concurrency,
                claimBatch,
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
        boolean keepKeys = args.flag("keep-keys");
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
                        concurrency,
                        claimBatch,
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
