package com.split.bench;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskPriority;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.bus.TaskPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code produce}: enqueues N no-op tasks and reports when the first went out and the last was confirmed, and the CPU
 * this process and Redis spent in between. {@code single} waits for each publish, {@code bulk} publishes 1,000 per
 * {@code publishAll}, {@code paced} publishes R per second with the enqueue time in the payload.
 */
@Command(
        name = "produce",
        description = {
            "One producer: enqueues N no-op tasks and prints what it took as a JSON line.",
            "single waits for each publish, bulk publishes 1,000 per publishAll, paced publishes --rate per"
                    + " second with the enqueue time in the payload."
        })
final class Produce extends BenchCommand {

    static final int BULK_CHUNK = 1000;

    enum Mode {
        SINGLE,
        BULK,
        PACED
    }

    /** The priorities the tasks are published at. */
    enum Priorities {
        NORMAL,
        HIGH,
        LOW,
        MIXED;

        /** The priority of the {@code i}-th task: mixed takes high, normal and low in turn. */
        TaskPriority of(long i) {
            return this == MIXED ? TaskPriority.values()[(int) (i % 3)] : TaskPriority.valueOf(name());
        }
    }

    @Mixin
    private BusOptions bus;

    @Option(names = "--n", required = true, showDefaultValue = Visibility.NEVER, description = "tasks to enqueue")
    private long n;

    @Option(
            names = "--mode",
            required = true,
            description = "single (each publish waited for), bulk (publishAll of 1,000) or paced (--rate per second)")
    private Mode mode;

    @Option(names = "--rate", description = "publishes per second, for --mode paced")
    private @Nullable Double rate;

    @Mixin
    private PrefixOption keys;

    @Option(
            names = "--warmup",
            defaultValue = "20000",
            description = "tasks published first, on a prefix of their own that is deleted, so that the JIT has"
                    + " compiled the publish path before the measured ones, as in a producer that has been running;"
                    + " 0 measures a cold JVM")
    private long warmup;

    @Option(names = "--threads", defaultValue = "1", description = "publishing threads, for --mode single")
    private int threads;

    @Option(
            names = "--priority",
            defaultValue = "normal",
            description = "the tasks' priority: normal, high, low, or mixed (the three in turn)")
    private Priorities priority;

    @Option(names = "--max-seconds", defaultValue = "600", paramLabel = "SECONDS", description = "give up after")
    private Duration maxSeconds;

    @Option(names = "--cleanup", arity = "0..1", description = "delete the prefix's keys afterwards")
    private boolean cleanup;

    @Option(
            names = "--wait-for-replicas",
            defaultValue = "0",
            description = "replicas each publish waits for, split.bus.publish.wait-for-replicas (WAIT)")
    private int waitForReplicas;

    @Option(
            names = "--wait-for-aof",
            description = "each publish waits for the AOF, split.bus.publish.wait-for-aof (WAITAOF, Redis 7.2+)")
    private boolean waitForAof;

    @Option(
            names = "--wait-timeout-ms",
            defaultValue = "1000",
            description = "how long a publish waits for them, split.bus.publish.wait-timeout")
    private long waitTimeoutMs;

    /**
     * @param tFirst {@code nanoTime} seconds just before the first publish
     * @param tLast {@code nanoTime} seconds when the last publish was confirmed
     * @param cpuS this process's CPU seconds between the two
     * @param redisBefore Redis counters just before {@code tFirst}; {@code redisAfter} just after {@code tLast}
     * @param publishLatency how long each {@code publish} call took, in seconds (single and paced modes): the
     *     producer's share of enqueue → start
     * @param machineBefore busy CPU seconds of the whole machine just before {@code tFirst}; {@code machineAfter} after
     */
    record Result(
            String mode,
            long n,
            double tFirst,
            double tLast,
            double cpuS,
            double cpuTotalS,
            double perSecond,
            boolean timedOut,
            RedisInfo redisBefore,
            RedisInfo redisAfter,
            double machineBefore,
            double machineAfter,
            Percentiles publishLatency) {}

    @Override
    protected void check() {
        atLeast("--n", n, 1);
        if (mode == Mode.PACED) {
            require(rate != null, "--mode paced needs --rate");
            positive("--rate", rate);
        }
        atLeast("--warmup", warmup, 0);
        atLeast("--threads", threads, 1);
        require(threads == 1 || mode == Mode.SINGLE, "--threads is for --mode single");
        atLeast("--wait-for-replicas", waitForReplicas, 0);
        atLeast("--wait-timeout-ms", waitTimeoutMs, 1);
    }

    @Override
    protected void run() {
        System.out.println(Json.line(produce()));
    }

    private Result produce() {
        long deadline = System.nanoTime() + maxSeconds.toNanos();
        String prefix = keys.value();
        try (BenchRedis redis = new BenchRedis(bus.url(), prefix, bus.queue())) {
            TaskPublisher.Durability durability =
                    new TaskPublisher.Durability(waitForAof, waitForReplicas, Duration.ofMillis(waitTimeoutMs));
            Producer producer = new Producer(redis, redis.keys(), threads, priority, durability);
            if (warmup > 0) {
                // The JIT compiles the publish path on tasks nobody counts, in a prefix of their own that goes away.
                Producer warm = new Producer(redis, new RedisKeys(prefix + "-warmup"), threads, priority, durability);
                warm.publish(mode == Mode.BULK ? Mode.BULK : Mode.SINGLE, warmup, 0, deadline);
                redis.deleteKeys(prefix + "-warmup");
                err().printf(
                                "split-bench produce: warmed up on %d publishes under %s-warmup (deleted); --warmup 0 measures"
                                        + " a cold JVM%n",
                                warmup, prefix);
                err().flush();
            }
            RedisInfo before = redis.info();
            double machineBefore = ProcStats.machineBusySeconds();
            double cpuBefore = ProcStats.cpuSeconds();
            Window window = producer.publish(mode, n, mode == Mode.PACED ? rate : 0, deadline);
            double cpuAfter = ProcStats.cpuSeconds();
            double machineAfter = ProcStats.machineBusySeconds();
            RedisInfo after = redis.info();
            if (cleanup) {
                redis.deleteKeys(prefix);
            }
            return new Result(
                    mode.name().toLowerCase(Locale.ROOT),
                    window.sent(),
                    window.first(),
                    window.last(),
                    cpuAfter - cpuBefore,
                    ProcStats.cpuSeconds(),
                    window.sent() / (window.last() - window.first()),
                    window.sent() < n,
                    before,
                    after,
                    machineBefore,
                    machineAfter,
                    Percentiles.of(window.publishSeconds()));
        }
    }

    private record Window(long sent, double first, double last, double[] publishSeconds) {}

    /** Publishes the bench's no-op tasks to one key prefix. */
    private static final class Producer {

        private final BenchRedis redis;
        private final TaskPublisher publisher;
        private final int threads;
        private final String instance = "bench-" + ProcessHandle.current().pid();
        private final Priorities priorities;
        private final AtomicLong built = new AtomicLong();
        private long[] publishNanos = new long[0];

        Producer(
                BenchRedis redis,
                RedisKeys keys,
                int threads,
                Priorities priorities,
                TaskPublisher.Durability durability) {
            this.redis = redis;
            this.threads = threads;
            this.priorities = priorities;
            this.publisher = redis.publisher(keys).withDurability(durability);
        }

        private TaskEnvelope task(ObjectNode payload) {
            return TaskEnvelope.builder(redis.type())
                    .priority(priorities.of(built.getAndIncrement()))
                    .initiator("split-bench", instance)
                    .sessionId(instance)
                    .payload(payload)
                    .build();
        }

        private static ObjectNode stamped() {
            return JsonNodeFactory.instance.objectNode().put("enq", ProcStats.now());
        }

        Window publish(Mode mode, long n, double rate, long deadline) {
            double first = ProcStats.now();
            long sent = 0;
            publishNanos = mode == Mode.BULK || threads > 1 ? new long[0] : new long[Math.toIntExact(n)];
            switch (mode) {
                case SINGLE -> sent = threads == 1 ? single(n, deadline) : concurrent(n, deadline);
                case BULK -> {
                    while (sent < n && System.nanoTime() < deadline) {
                        int size = (int) Math.min(BULK_CHUNK, n - sent);
                        List<TaskEnvelope> chunk = new ArrayList<>(size);
                        for (int i = 0; i < size; i++) {
                            chunk.add(task(JsonNodeFactory.instance.objectNode()));
                        }
                        publisher.publishAll(chunk);
                        sent += size;
                    }
                }
                case PACED -> {
                    long start = System.nanoTime();
                    for (; sent < n; sent++) {
                        long due = start + (long) (sent * 1e9 / rate);
                        if (!sleepUntil(due, deadline)) {
                            break;
                        }
                        ObjectNode payload = stamped();
                        if (sent == 0) {
                            first = payload.get("enq").asDouble();
                        }
                        timedPublish(sent, task(payload));
                    }
                }
            }
            double last = ProcStats.now();
            double[] seconds = new double[(int) Math.min(sent, publishNanos.length)];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = publishNanos[i] / 1e9;
            }
            return new Window(sent, first, last, seconds);
        }

        /** One publish at a time, each waited for; the enqueue time rides along for latency under load. */
        private long single(long n, long deadline) {
            long sent = 0;
            for (; sent < n && System.nanoTime() < deadline; sent++) {
                timedPublish(sent, task(stamped()));
            }
            return sent;
        }

        /**
         * Like {@link #single}, from several threads at once, as a service publishes from its request threads: each
         * waits for its own publish, and the publisher pipelines them on its one connection.
         */
        private long concurrent(long n, long deadline) {
            AtomicLong claimed = new AtomicLong();
            AtomicLong sent = new AtomicLong();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int t = 0; t < threads; t++) {
                    pool.execute(() -> {
                        while (claimed.getAndIncrement() < n && System.nanoTime() < deadline) {
                            publisher.publish(task(stamped()));
                            sent.incrementAndGet();
                        }
                    });
                }
            }
            return sent.get();
        }

        private void timedPublish(long index, TaskEnvelope task) {
            long start = System.nanoTime();
            publisher.publish(task);
            if (index < publishNanos.length) {
                publishNanos[(int) index] = System.nanoTime() - start;
            }
        }

        /** Parks until {@code due}; false if the deadline comes first. */
        private static boolean sleepUntil(long due, long deadline) {
            long left;
            while ((left = due - System.nanoTime()) > 0) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                LockSupport.parkNanos(Math.min(left, 100_000_000));
            }
            return System.nanoTime() < deadline;
        }
    }
}
