package com.split.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import com.split.logsrv.LogSrvApplication;
import com.split.tasks.logs.LogShippingProperties;
import com.split.tasks.logs.RedisLogAppender;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.logging.LogLevel;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code logs}: what log shipping costs the code that logs, and how fast it ships. Each {@code logger.warn} call (three
 * arguments, a worker's MDC) is timed on its own after a warm-up, at {@code --rate} calls per second per thread (default
 * 20,000: below what the shipping thread sends, so the buffer stays short, as in a service), with Redis up and the
 * shipping thread sending meanwhile; the same calls with a no-op appender give Logback's own share. Then
 * {@code --records} WARN records are logged at once and timed until Redis has confirmed all of them.
 */
@Command(
        name = "logs",
        description = {
            "What log shipping costs a log call, and how fast records are shipped and stored.",
            "Each logger.warn call timed, against a no-op appender; then --records records until Redis has"
                    + " confirmed them, and log-srv storing them in a throwaway schema."
        })
final class LogShipping extends BenchCommand {

    @Option(names = "--redis", paramLabel = "URL", defaultValue = BenchRedis.DEFAULT_URL)
    private String redisUrl;

    @Option(
            names = "--records",
            defaultValue = "200000",
            description = "WARN records logged at once, then shipped and stored")
    private long records;

    @Option(names = "--calls", defaultValue = "100000", description = "timed calls per thread")
    private int calls;

    @Option(names = "--rate", defaultValue = "20000", description = "calls per second per thread")
    private double rate;

    @Option(names = "--warmup", defaultValue = "100000", description = "untimed calls per thread first")
    private long warmup;

    @Option(names = "--threads", defaultValue = "1")
    private int threads;

    @Option(names = "--batch-size", defaultValue = "500", description = "records per shipped batch")
    private int batchSize;

    @Option(
            names = "--max-seconds",
            defaultValue = "600",
            paramLabel = "SECONDS",
            description = "how long shipping, and then storing, may take")
    private Duration maxSeconds;

    @Mixin
    private DatabaseOptions database;

    /**
     * @param ratePerThread calls per second each thread makes, in bursts of 100
     * @param callNs each timed call with the Redis appender, in nanoseconds (including a {@code nanoTime} read)
     * @param baselineNs the same with a no-op appender: Logback's own cost
     * @param shippedPerSecond records confirmed by Redis per second, from the first call to the last confirmation
     * @param storedPerSecond records log-srv stored per second, from the end of its startup to the last one committed
     */
    record Report(
            int threads,
            long calls,
            double ratePerThread,
            double meanNs,
            Percentiles callNs,
            double callP999Ns,
            double baselineMeanNs,
            Percentiles baselineNs,
            double baselineP999Ns,
            long droppedWhileTiming,
            long records,
            double shipSeconds,
            double shippedPerSecond,
            long streamLength,
            double storedPerSecond) {}

    @Override
    protected void check() {
        atLeast("--records", records, 1);
        atLeast("--warmup", warmup, 0);
        atLeast("--calls", calls, 1);
        positive("--rate", rate);
        atLeast("--threads", threads, 1);
        atLeast("--batch-size", batchSize, 1);
    }

    @Override
    protected void run() {
        long deadline = System.nanoTime() + maxSeconds.toNanos();
        String prefix = "split-bench-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-logs";
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger probe = context.getLogger("com.split.bench.LogProbe");
        probe.setAdditive(false); // only the appender under test, no console
        probe.setLevel(Level.WARN);
        try (BenchRedis redis = new BenchRedis(redisUrl, prefix, "bench_logs")) {
            Appender<ILoggingEvent> noop = new UnsynchronizedAppenderBase<>() {
                @Override
                protected void append(ILoggingEvent event) {}
            };
            Timing baseline = time(probe, noop, context, threads, warmup, calls, rate);

            // Every record of the throughput run fits: it measures shipping, not dropping.
            int buffer = Math.toIntExact(Math.max(records, 10_000));

            var appender = new RedisLogAppender(
                    redis.bus(),
                    redis.codec().mapper(),
                    redis.keys().logs(),
                    "split-bench",
                    "split-bench-1",
                    new LogShippingProperties(
                            true, LogLevel.WARN, buffer, batchSize, Long.MAX_VALUE, Duration.ofSeconds(5)));
            Timing timing = time(probe, appender, context, threads, warmup, calls, rate);
            long droppedWhileTiming = appender.dropped();
            awaitShipped(appender, appender.accepted() - droppedWhileTiming, deadline);

            long before = appender.shipped();
            long start = System.nanoTime();
            probe.addAppender(appender);
            for (long i = 0; i < records; i++) {
                probe.warn("order {} for {} failed after {} ms", i, "AAPL", 42);
            }
            probe.detachAppender(appender);
            awaitShipped(appender, before + records, deadline);
            double shipSeconds = (System.nanoTime() - start) / 1e9;
            long streamLength = redis.plain().xlen(redis.keys().logs());
            appender.stop();
            double storedPerSecond = store(prefix, streamLength, deadline);
            redis.deleteKeys(prefix);

            Report report = new Report(
                    threads,
                    (long) calls * threads,
                    rate,
                    timing.meanNs(),
                    timing.callNs(),
                    timing.p999Ns(),
                    baseline.meanNs(),
                    baseline.callNs(),
                    baseline.p999Ns(),
                    droppedWhileTiming,
                    records,
                    shipSeconds,
                    records / shipSeconds,
                    streamLength,
                    storedPerSecond);
            print(report, warmup, System.out);
        }
    }

    /**
     * Boots log-srv on a throwaway schema and times it storing what the stream holds, until the stream is empty and
     * {@code logs} has every record.
     *
     * @return records stored per second, counted from the end of log-srv's startup to the last record stored
     */
    private double store(String prefix, long records, long deadline) {
        try (ThrowawaySchema schema = database.throwaway("split_bench_logs");
                ConfigurableApplicationContext logSrv = schema.boot(
                        LogSrvApplication.class,
                        "--spring.application.name=log-srv",
                        "--spring.flyway.locations=classpath:db/migration/split_logs",
                        "--spring.data.redis.url=" + redisUrl,
                        "--split.bus.key-prefix=" + prefix,
                        // log-srv's own WARNs would join the records counted
                        "--split.logs.enabled=false")) {
            JdbcClient jdbc = logSrv.getBean(JdbcClient.class);
            long start = System.nanoTime();
            long before = stored(jdbc);
            while (stored(jdbc) < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "log-srv did not store %,d records within --max-seconds".formatted(records));
                }
                LockSupport.parkNanos(5_000_000);
            }
            return (records - before) / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static long stored(JdbcClient jdbc) {
        return jdbc.sql("SELECT COUNT(*) FROM logs").query(Long.class).single();
    }

    /** Each timed call's duration, in nanoseconds, on each of {@code threads} threads at once. */
    record Timing(double meanNs, Percentiles callNs, double p999Ns) {}

    private static Timing time(
            Logger probe,
            Appender<ILoggingEvent> appender,
            LoggerContext context,
            int threads,
            long warmup,
            int calls,
            double rate) {
        appender.setContext(context);
        appender.start();
        probe.addAppender(appender);
        double[] durations = new double[calls * threads];
        Thread[] loggers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int offset = t * calls;
            loggers[t] = Thread.ofPlatform().name("bench-logger-" + t).start(() -> {
                MDC.put("task_id", "0193a5c2-7f3e-7cc1-9d2a-3f1e8a6b4c10");
                MDC.put("session_id", "run-0193a5c2-7f3d");
                long start = System.nanoTime();
                for (long i = 0; i < warmup; i++) {
                    pace(start, i, rate);
                    probe.warn("order {} for {} failed after {} ms", i, "AAPL", 42);
                }
                start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    pace(start, i, rate);
                    long t0 = System.nanoTime();
                    probe.warn("order {} for {} failed after {} ms", i, "AAPL", 42);
                    durations[offset + i] = System.nanoTime() - t0;
                }
                MDC.clear();
            });
        }
        for (Thread logger : loggers) {
            try {
                logger.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        probe.detachAppender(appender);
        double total = 0;
        for (double ns : durations) {
            total += ns;
        }
        double[] sorted = durations.clone();
        Arrays.sort(sorted);
        return new Timing(total / durations.length, Percentiles.of(durations), Percentiles.rank(sorted, 99.9));
    }

    /** Bursts of 100 calls, each burst starting when {@code rate} per second says. */
    private static void pace(long start, long call, double rate) {
        if (call % 100 == 0) {
            LockSupport.parkNanos(start + (long) (call * 1e9 / rate) - System.nanoTime());
        }
    }

    private static void awaitShipped(RedisLogAppender appender, long target, long deadline) {
        while (appender.shipped() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "shipping did not finish within --max-seconds: %,d of %,d shipped, %,d dropped"
                                .formatted(appender.shipped(), target, appender.dropped()));
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static void print(Report r, long warmup, PrintStream out) {
        out.printf(
                "logs: call site, %d thread(s) at %,.0f calls/s each, %,d timed calls each after %,d warm-up calls;"
                        + " Redis up and shipping meanwhile%n",
                r.threads(), r.ratePerThread(), r.calls() / r.threads(), warmup);
        callRow(out, "with the Redis appender", r.meanNs(), r.callNs(), r.callP999Ns(), "");
        callRow(
                out,
                "with a no-op appender",
                r.baselineMeanNs(),
                r.baselineNs(),
                r.baselineP999Ns(),
                "  (Logback's own share)");
        out.printf(
                "  the appender's share     %6.0f ns/call on average (goal < 2,000); records dropped while timing: %d%n",
                r.meanNs() - r.baselineMeanNs(), r.droppedWhileTiming());
        out.printf(
                "logs: shipping, %,d records logged at once: all confirmed by Redis in %.2f s, %,.0f records/s;"
                        + " stream length after all phases %,d%n",
                r.records(), r.shipSeconds(), r.shippedPerSecond(), r.streamLength());
        out.printf(
                "logs: storing, log-srv started on the %,d records: %,.0f records/s stored into MySQL%n",
                r.streamLength(), r.storedPerSecond());
        out.println(Json.line(r));
    }

    /** The times of one appender's calls, in nanoseconds. */
    private static void callRow(
            PrintStream out, String appender, double mean, Percentiles ns, double p999, String note) {
        out.printf(
                "  %-25smean %6.0f ns/call   p50 %6.0f   p99 %6.0f   p99.9 %7.0f   max %9.0f%s%n",
                appender, mean, ns.p50(), ns.p99(), p999, ns.max(), note);
    }
}
