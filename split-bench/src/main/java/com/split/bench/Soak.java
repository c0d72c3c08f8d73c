package com.split.bench;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.bus.TaskPublisher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code soak}: a million tasks end to end through one worker JVM, to show that its memory stays flat. This process
 * publishes in bulk chunks, keeps the backlog under two chunks, and drops the events stream as it goes (nothing reads
 * it here, and a million tasks' events would not fit a small Redis). The worker reports heap after a full GC at the
 * start and the end; this process samples the worker's RSS along the way.
 */
final class Soak {

    static final Set<String> OPTIONS =
            Set.of("tasks", "concurrency", "claim-batch", "chunk", "redis", "queue", "warm", "jvm-opts", "max-seconds");

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

    private Soak() {}

    static Report run(Args args, PrintStream out) throws IOException {
        args.allowOnly(OPTIONS);
        long tasks = args.positive("tasks", 1_000_000);
        int concurrency = args.intAtLeast("concurrency", 64, 1);
        int chunk = args.intAtLeast("chunk", 10_000, 1000);
        long warm = args.atLeast("warm", 10_000, 0);
        String url = args.string("redis", BenchRedis.DEFAULT_URL);
        String queue = args.string("queue", BenchRedis.DEFAULT_QUEUE);
        Duration limit = args.seconds("max-seconds", Duration.ofMinutes(30));
        long deadline = System.nanoTime() + limit.toNanos();
        String prefix = "split-bench-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-soak";
        Path dir = Files.createTempDirectory("split-bench-soak-");
        Path done = dir.resolve("soak-worker.json");
        System.err.printf("soak: %,d tasks, prefix %s, files in %s%n", tasks, prefix, dir);

        Child worker = Child.start(
                dir,
                "soak-worker",
                Run.words(args.string("jvm-opts", "")),
                List.of(
                        "work",
                        "--redis",
                        url,
                        "--queue",
                        queue,
                        "--prefix",
                        prefix,
                        "--concurrency",
                        Integer.toString(concurrency),
                        "--claim-batch",
                        Integer.toString(args.intAtLeast("claim-batch", 0, 0)),
                        "--warm",
                        Long.toString(warm),
                        "--target",
                        Long.toString(tasks),
                        "--done",
                        done.toString(),
                        "--gc-stats",
                        "--max-seconds",
                        Long.toString(limit.toSeconds() + 120)));
        try (BenchRedis redis = new BenchRedis(url, prefix, queue)) {
            TaskPublisher publisher = redis.publisher(redis.keys());
            String ready = redis.keys().ready(redis.type().queue());
            String events = redis.keys().events(redis.type().queue());
            publish(redis, publisher, warm);
            worker.awaitFile(Path.of(done + ".warm"), limit);
            Work.Warm warmed = Json.read(Path.of(done + ".warm"), Work.Warm.class);
            List<RssSample> rss = new ArrayList<>();
            rss.add(new RssSample(0, ProcStats.now(), ProcStats.rssKb(worker.pid())));
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
                    rss.add(new RssSample(published, ProcStats.now(), ProcStats.rssKb(worker.pid())));
                    System.err.printf(
                            "soak: %,d published, worker RSS %,d kB%n",
                            published, rss.getLast().rssKb());
                    nextSample += tasks / 10;
                }
            }
            worker.awaitFile(done, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            Work.Done result = Json.read(done, Work.Done.class);
            Report report = new Report(
                    result.n(),
                    concurrency,
                    result.n() / (result.lastEnd() - result.firstStart()),
                    warmed.rssKb(),
                    result.rssKb(),
                    result.heapUsedAfterGcWarm(),
                    result.heapUsedAfterGcDone(),
                    result.gcCount(),
                    result.gcSeconds(),
                    result.cpuS() * 1e6 / result.n(),
                    rss);
            out.printf(
                    "%nsoak: %,d tasks at %,.0f/s end to end, concurrency %d; worker CPU %.0f µs/task%n"
                            + "  worker RSS        %,d kB after warm-up → %,d kB at the end%n"
                            + "  heap after GC     %,d kB after warm-up → %,d kB at the end%n"
                            + "  GC during the run %d collections, %.2f s%n",
                    report.tasks(),
                    report.perSecond(),
                    concurrency,
                    report.workerCpuUsPerTask(),
                    report.rssKbWarm(),
                    report.rssKbDone(),
                    report.heapUsedAfterGcWarm() / 1024,
                    report.heapUsedAfterGcDone() / 1024,
                    report.gcCount(),
                    report.gcSeconds());
            out.println(Json.line(report));
            return report;
        } finally {
            worker.stop(Duration.ofSeconds(30));
            try (BenchRedis redis = new BenchRedis(url, prefix, queue)) {
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
