package com.split.bench;

import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskIds;
import com.split.tasks.TaskPriority;
import com.split.tasks.bus.BusScripts;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.schedule.MissedRuns;
import com.split.tasks.bus.schedule.RecurringScheduler;
import com.split.tasks.bus.schedule.Schedule;
import com.split.tasks.bus.schedule.ScheduledTask;
import com.split.tasks.bus.schedule.Schedules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code schedules}: what the recurring scheduler costs. {@code --schedules} every-second schedules are put into Redis,
 * and two production schedulers ({@link RecurringScheduler}) tick through {@code --rounds} due times on a clock the
 * bench moves: the first publishes each schedule's run (its script takes the due time and publishes the task with its
 * events), the second finds every due time taken, and a third look finds nothing due. Beside them, the same number of
 * tasks published one by one with {@link TaskPublisher}, the bus's own cost of a task.
 */
@Command(
        name = "schedules",
        description = {
            "What the recurring scheduler costs: per run published, per due time a second scheduler finds taken, and",
            "per idle look, against TaskPublisher publishing the same tasks one by one."
        })
final class ScheduleBench extends BenchCommand {

    static final QueueName QUEUE = QueueName.of("bench_scheduled");

    @Option(names = "--redis", paramLabel = "URL", defaultValue = BenchRedis.DEFAULT_URL)
    private String redisUrl;

    @Option(names = "--schedules", defaultValue = "1000", description = "every-second schedules")
    private int count;

    @Option(names = "--rounds", defaultValue = "5", description = "due times timed, after one untimed")
    private int rounds;

    @Override
    protected void check() {
        atLeast("--schedules", count, 1);
        atLeast("--rounds", rounds, 1);
    }

    /** A clock the bench moves from one due time to the next. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Override
    protected void run() {
        String prefix = "split-bench-schedules-" + TaskIds.newId();
        try (BenchRedis redis = new BenchRedis(redisUrl, prefix, QUEUE.value())) {
            try {
                measure(redis, out());
            } finally {
                redis.deleteKeys(prefix);
            }
        }
    }

    private void measure(BenchRedis redis, PrintWriter out) {
        Schedules schedules = new Schedules(redis.bus(), redis.keys(), redis.codec());
        BusScripts scripts = new BusScripts(redis.bus(), redis.keys());
        Instant base = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int i = 0; i < count; i++) {
            schedules.put(new Schedule(
                    "bench-" + i,
                    null,
                    null,
                    "1s",
                    MissedRuns.RUN_ONCE,
                    new ScheduledTask(
                            redis.type().name(),
                            QUEUE,
                            redis.type().targetModule(),
                            null,
                            List.of("AAPL"),
                            null,
                            null,
                            null,
                            TaskPriority.NORMAL),
                    Schedule.API_OWNER,
                    base,
                    "split-bench"));
        }
        MovingClock clock = new MovingClock(base);
        RecurringScheduler first = scheduler(schedules, scripts, redis, clock, "first");
        RecurringScheduler second = scheduler(schedules, scripts, redis, clock, "second");
        TaskPublisher publisher = redis.publisher(redis.keys());

        double[] published = new double[rounds];
        double[] taken = new double[rounds];
        double[] idle = new double[rounds];
        double[] publish = new double[rounds];
        for (int round = 0; round <= rounds; round++) {
            clock.now = base.plusSeconds(round + 1).plusMillis(100);
            long publishedNs = time(first::tick);
            long takenNs = time(second::tick);
            long idleNs = time(first::tick);
            long publishNs = time(() -> {
                for (int i = 0; i < count; i++) {
                    publisher.publish(TaskEnvelope.builder(redis.type())
                            .sessionId("bench")
                            .tickers("AAPL")
                            .build());
                }
            });
            if (round > 0) {
                published[round - 1] = publishedNs / 1e3 / count;
                taken[round - 1] = takenNs / 1e3 / count;
                idle[round - 1] = idleNs / 1e3;
                publish[round - 1] = publishNs / 1e3 / count;
            }
        }
        long ready = redis.bus().await(redis.bus().commands().llen(redis.keys().ready(QUEUE)));
        long expected = 2L * count * (rounds + 1);
        if (ready != expected) {
            throw new IllegalStateException(
                    "%d tasks on the ready list, not the %d published".formatted(ready, expected));
        }
        out.printf("schedules: %d every-second schedules, %d timed due times (median of each)%n", count, rounds);
        out.printf("  run published by the scheduler      %8.1f µs per run%n", median(published));
        out.printf("  due time found taken (2nd scheduler) %8.1f µs per run%n", median(taken));
        out.printf(
                "  idle look (nothing due)              %8.1f µs per look, for all %d schedules%n",
                median(idle), count);
        out.printf("  TaskPublisher.publish, one by one    %8.1f µs per task%n", median(publish));
        out.flush();
    }

    private static RecurringScheduler scheduler(
            Schedules schedules, BusScripts scripts, BenchRedis redis, Clock clock, String instance) {
        return new RecurringScheduler(
                schedules,
                scripts,
                redis.codec(),
                clock,
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                "split-bench",
                instance,
                List.of(),
                new SimpleMeterRegistry());
    }

    private static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
