package com.split.bench;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.bus.TaskPublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code soak}: a million tasks end to end through one worker JVM, to show that its memory stays flat. This process
 * publishes in bulk chunks, keeps the backlog under two chunks, and drops the events stream as it goes (nothing reads
 * it here, and a million tasks' events would not fit a small Redis). The worker reports heap after a full GC at the
 * start and the end; this process samples the worker's RSS along the way.
 */
@Command(
        name = "soak",
        description = {
            "A million tasks through one worker JVM: its memory over the run.",
            "Published in chunks with a bounded backlog; the worker's heap after a full GC at the start and"
                    + " the end, its RSS along the way."
        })
final class Soak extends BenchCommand {

    @Option(names = "--tasks", defaultValue = "1000000")
    private long tasks;

    @Mixin
    private WorkerOptions worker;

    @Option(names = "--chunk", defaultValue = "10000", description = "tasks per publish, and the backlog kept")
    private int chunk;

    @Option(names = "--warm", defaultValue = "10000", description = "warm-up tasks")
    private long warm;

    @Mixin
    private BusOptions bus;

    @Option(names = "--jvm-opts", paramLabel = "\"...\"", description = "the worker JVM's options")
    private @Nullable String jvmOpts;

    @Option(names = "--max-seconds", defaultValue = "1800", paramLabel = "SECONDS", description = "give up after")
    private Duration limit;

    record RssSample(long published, double at, long rssKb) {}

    record Report(
            long tasks,
            int concurrency,
            double perSecond,
            long rssKbWarm,
            long rssKbDone,
            long heapUsedAfterGcWarm,
            long heapUsedAfterGcDone,
            long gcCount,
            double gcSeconds,
            double workerCpuUsPerTask,
            List<RssSample> rss) {}

    @Override
    protected void check() {
        atLeast("--tasks", tasks, 1);
        worker.check(this);
        atLeast("--chunk", chunk, 1000);
        atLeast("--warm", warm, 0);
    }

    @Override
    protected void run() throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        String prefix = "split-bench-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-soak";
        Path dir = Files.createTempDirectory("split-bench-soak-");
        System.err.printf("soak: %,d tasks, prefix %s, files in %s%n", tasks, prefix, dir);

        Sides.Worker child = new Sides(dir, bus.url(), bus.queue(), SidesOptions.words(jvmOpts), List.of(), limit)
                .startWorker(
                        "soak-worker",
                        prefix,
                        worker.concurrency(),
                        worker.claimBatch(),
                        warm,
                        tasks,
                        List.of("--gc-stats"));
        try (BenchRedis redis = new BenchRedis(bus.url(), prefix, bus.queue())) {
            TaskPublisher publisher = redis.publisher(redis.keys());
            String ready = redis.keys().ready(redis.type().queue());
            String events = redis.keys().events(redis.type().queue());
            publish(redis, publisher, warm);
            long rssWarm = child.awaitWarm();
            List<RssSample> rss = new ArrayList<>();
            rss.add(new RssSample(0, ProcStats.now(), rssWarm));
            long published = 0;
            long nextSample = tasks / 10;
            while (published < tasks && System.nanoTime() < deadline) {
                // Flow control: a bounded backlog, so Redis holds at most a few chunks of envelopes.
                while (redis.plain().llen(ready) > chunk && System.nanoTime() < deadline) {
                    sleep(5);
                }
                long size = Math.min(chunk, tasks - published);
                publish(redis, publisher, size);
                published += size;
                redis.plain().unlink(events);
                if (published >= nextSample) {
                    rss.add(new RssSample(
                            published,
                            ProcStats.now(),
                            ProcStats.rssKb(child.child().pid())));
                    System.err.printf(
                            "soak: %,d published, worker RSS %,d kB%n",
                            published, rss.getLast().rssKb());
                    nextSample += tasks / 10;
                }
            }
            Work.Done result = child.awaitDone();
            Report report = new Report(
                    result.n(),
                    worker.concurrency(),
                    result.n() / (result.lastEnd() - result.firstStart()),
                    result.rssKbWarm(),
                    result.rssKb(),
                    result.heapUsedAfterGcWarm(),
                    result.heapUsedAfterGcDone(),
                    result.gcCount(),
                    result.gcSeconds(),
                    result.cpuS() * 1e6 / result.n(),
                    rss);
            System.out.printf(
                    "%nsoak: %,d tasks at %,.0f/s end to end, concurrency %d; worker CPU %.0f µs/task%n"
                            + "  worker RSS        %,d kB after warm-up → %,d kB at the end%n"
                            + "  heap after GC     %,d kB after warm-up → %,d kB at the end%n"
                            + "  GC during the run %d collections, %.2f s%n",
                    report.tasks(),
                    report.perSecond(),
                    report.concurrency(),
                    report.workerCpuUsPerTask(),
                    report.rssKbWarm(),
                    report.rssKbDone(),
                    report.heapUsedAfterGcWarm() / 1024,
                    report.heapUsedAfterGcDone() / 1024,
                    report.gcCount(),
                    report.gcSeconds());
            System.out.println(Json.line(report));
        } finally {
            Sides.stop(child);
            try (BenchRedis redis = new BenchRedis(bus.url(), prefix, bus.queue())) {
                redis.deleteKeys(prefix);
            }
        }
    }

    private static void publish(BenchRedis redis, TaskPublisher publisher, long n) {
        for (long sent = 0; sent < n; ) {
            int size = (int) Math.min(Produce.BULK_CHUNK, n - sent);
            List<TaskEnvelope> chunk = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                chunk.add(TaskEnvelope.builder(redis.type())
                        .initiator("split-bench", "soak")
                        .sessionId("soak")
                        .payload(JsonNodeFactory.instance.objectNode())
                        .build());
            }
            publisher.publishAll(chunk);
            sent += size;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
