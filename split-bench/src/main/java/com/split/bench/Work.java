package com.split.bench;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.worker.BusMetrics;
import com.split.tasks.bus.worker.RetryPolicy;
import com.split.tasks.bus.worker.TaskContext;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.bus.worker.TaskTracing;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.JsonNodeFactory;

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

    /** Between the self warm-up's single publishes: well below capacity, so each one wakes an idle worker. */
    private static final Duration TRICKLE_GAP = Duration.ofNanos(250_000);

    @Mixin
    private BusOptions bus;

    @Mixin
    private WorkerOptions worker;

    @Option(names = "--warm", defaultValue = "0", description = "warm-up tasks")
    private long warm;

    @Option(
            names = "--self-warm",
            defaultValue = "20000",
            description = "tasks this worker first runs on a throwaway prefix of its own (deleted), half as a backlog"
                    + " and half published one at a time, so that the JIT has compiled both the drain and the"
                    + " wake-up paths before --warm and the measured tasks, as in a worker that has been running;"
                    + " 0 starts cold")
    private long selfWarm;

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
        atLeast("--self-warm", selfWarm, 0);
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
                defaults.hardTimeoutGrace(),
                defaults.statsInterval(),
                worker.rateLimits(bus.queue()),
                worker.maxRunning(bus.queue()),
                defaults.priorityRatio());
        String workerId = "bench-" + ProcessHandle.current().pid();
        if (selfWarm > 0) {
            warmItself(settings, prefix + "-self-warm", workerId + "-self-warm", deadline);
        }
        WorkerContainer container = container(redis, probe, settings, workerId);
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

    private static WorkerContainer container(BenchRedis redis, Probe probe, WorkerSettings settings, String workerId) {
        return new WorkerContainer(
                redis.parts(),
                List.of(new NoopHandler(redis.type(), probe)),
                Set.of(),
                settings,
                new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10)),
                workerId,
                Clock.systemUTC(),
                new BusMetrics(new SettleCountingRegistry(probe)),
                TaskTracing.OFF); // the bus's cost alone, as the measurements always were
    }

    /**
     * Runs {@code --self-warm} tasks through a container of the same classes on a prefix of their own: a backlog
     * (claims of many at once) and then single publishes paced below capacity (a wake-up and a claim of one each), the
     * two shapes of load the measured tasks may take. Both keep every lifecycle event, like the measured ones.
     */
    private void warmItself(WorkerSettings settings, String prefix, String workerId, long deadline)
            throws InterruptedException {
        long start = System.nanoTime();
        long backlog = selfWarm / 2;
        Probe warmProbe = new Probe(0, selfWarm);
        try (BenchRedis warmRedis = new BenchRedis(bus.url(), prefix, bus.queue())) {
            WorkerContainer container = container(warmRedis, warmProbe, settings, workerId);
            container.start();
            try {
                TaskPublisher publisher = warmRedis.publisher(warmRedis.keys());
                List<TaskEnvelope> chunk = new ArrayList<>();
                for (long i = 0; i < backlog; i++) {
                    chunk.add(warmTask(warmRedis));
                    if (chunk.size() == 1000 || i == backlog - 1) {
                        publisher.publishAll(chunk);
                        chunk.clear();
                    }
                }
                for (long i = backlog; i < selfWarm && System.nanoTime() < deadline; i++) {
                    publisher.publish(warmTask(warmRedis));
                    LockSupport.parkNanos(TRICKLE_GAP.toNanos());
                }
                if (!warmProbe.done().await(remaining(deadline), TimeUnit.NANOSECONDS)) {
                    log.warn("Self warm-up did not finish: {} of {} tasks settled", warmProbe.settledCount(), selfWarm);
                }
            } finally {
                container.stop();
                warmRedis.deleteKeys(prefix);
            }
        }
        log.info(
                "Warmed itself on {} tasks of the throwaway prefix {} ({} as a backlog, {} one at a time) in {} s;"
                        + " --self-warm 0 starts cold",
                selfWarm,
                prefix,
                backlog,
                selfWarm - backlog,
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
    }

    /** A no-op task stamped with its enqueue time, as the paced producer sends them. */
    private static TaskEnvelope warmTask(BenchRedis redis) {
        return TaskEnvelope.builder(redis.type())
                .initiator("split-bench", "self-warm")
                .sessionId("self-warm")
                .payload(JsonNodeFactory.instance.objectNode().put("enq", ProcStats.now()))
                .build();
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
