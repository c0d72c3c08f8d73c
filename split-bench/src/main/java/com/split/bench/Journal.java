package com.split.bench;

import com.split.events.EventSrvApplication;
import com.split.tasks.QueueName;
import com.split.tasks.bus.RedisKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code journal}: how fast event-srv journals the bus's events into MySQL. event-srv (the whole application, without
 * its web server) runs in this JVM on a throwaway schema, or with {@code --event-srv-jar} in a JVM of its own
 * ({@link EventSrvProcess}); the producer and the worker are the bench's own JVMs.
 *
 * <ul>
 *   <li><b>throughput</b>: W + N tasks published in bulk and run by a worker while nothing journals, then event-srv
 *       starts: events per second from the end of the W warm-up tasks' events until the stream is empty and every
 *       event is journalled.
 *   <li><b>lag</b>: with event-srv running and warmed on the events of W tasks, and the worker warm, tasks published at
 *       a fixed rate for S seconds and run by it. event-srv deletes a stream entry once it is journalled, so the
 *       stream's length is what waits to be journalled and its first entry the oldest of it: both are sampled every
 *       20 ms, and the time from the last task's end to an empty stream is the drain.
 *   <li><b>retention</b>: event-srv started with {@code split.events.retention.tasks} at 1 ms, so that its first pass
 *       deletes every task the phases before journalled, with their events, as it would delete those of a day at the
 *       end of their retention: rows deleted per second, and how much of its time it would spend deleting at the lag
 *       phase's rate.
 * </ul>
 *
 * CPU is event-srv's process's (in this JVM, the sampling too) over the window; the producer, the worker, Redis and
 * MySQL show in the machine's busy cores.
 */
final class Journal {

    enum Phase {
        THROUGHPUT,
        LAG,
        RETENTION
    }

    /** A no-op task's events: created, queued, received, started, succeeded. */
    static final int EVENTS_PER_TASK = 5;

    private static final Duration SAMPLE = Duration.ofMillis(20);

    /**
     * @param seconds from the first committed batch to the last; {@code perSecond} is the events journalled in it
     * @param events the measured ones, after the warm-up tasks' events
     * @param withStartup all events, warm-up included, over the time from booting event-srv to the last batch
     * @param cpuUsPerEvent event-srv's process's CPU per event over the window
     * @param databaseUsPerEvent the database server's, when it runs on this machine; NaN when not
     */
    record Throughput(
            long tasks,
            long events,
            double seconds,
            double perSecond,
            double withStartup,
            double cpuUsPerEvent,
            double databaseUsPerEvent,
            double machineCores,
            double meanBatch,
            double meanWriteMs) {}

    /**
     * @param waiting entries on the stream, not yet journalled
     * @param oldestAge age of the oldest of them, in seconds
     * @param drainSeconds from the end of the last task to the moment every event was journalled
     */
    record Lag(
            double rate,
            double achievedRate,
            long tasks,
            long events,
            Percentiles waiting,
            Percentiles oldestAge,
            double drainSeconds,
            double cpuUsPerEvent,
            double databaseUsPerEvent,
            double machineCores,
            double meanBatch,
            double meanWriteMs) {}

    /**
     * @param seconds from the first task deleted to the last
     * @param cpuUsPerEvent event-srv's process's CPU per event, from its being ready on
     * @param machineCores busy cores over the same window
     * @param shareAtRate the share of its time the retention would spend deleting what {@code --rate} tasks/s journal
     */
    record Retention(
            long tasks,
            long events,
            double seconds,
            double tasksPerSecond,
            double eventsPerSecond,
            double shareAtRate,
            double cpuUsPerEvent,
            double databaseUsPerEvent,
            double machineCores) {}

    /** @param eventSrv where event-srv ran: {@code in-process}, or the jar it ran from in a JVM of its own */
    record Report(
            String eventSrv,
            String redis,
            String jdbcUrl,
            int batchSize,
            int concurrency,
            @Nullable Throughput throughput,
            @Nullable Lag lag,
            @Nullable Retention retention) {}

    private record Settings(
            long tasks,
            long warm,
            double rate,
            Duration lagWindow,
            int concurrency,
            int batchSize,
            DatabaseOptions database,
            List<Phase> phases,
            @Nullable Path eventSrvJar,
            Sides sides) {}

    /** The event-srv a phase measures: in this JVM, or in one of its own ({@code --event-srv-jar}). */
    interface EventSrv extends AutoCloseable {

        /** Events journalled, by its {@code split.events.journalled} counter. */
        double journalled();

        double meanBatch();

        double meanWriteMs();

        /** Rows in {@code events_log}. */
        long rows();

        /** CPU time of the process it runs in. */
        double cpuSeconds();

        @Override
        void close();
    }

    private final Settings settings;
    private final BenchRedis redis;
    private final String base = "split-bench-journal-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final PrintStream progress = System.err;
    private OptionalLong databaseServer = OptionalLong.empty();

    private Journal(Settings settings, BenchRedis redis) {
        this.settings = settings;
        this.redis = redis;
    }

    /** The options of {@code journal}. */
    @Command(
            name = "journal",
            description = {
                "How fast event-srv journals the bus's events into MySQL: throughput, lag at a rate, and how fast its"
                        + " retention deletes them.",
                "event-srv runs in this JVM (or with --event-srv-jar in one of its own) on a throwaway schema; the"
                        + " producer and the worker in JVMs of their own."
            })
    static final class Options extends BenchCommand {

        @Option(names = "--tasks", defaultValue = "100000", description = "measured tasks of the throughput phase")
        private long tasks;

        @Option(
                names = "--warm",
                defaultValue = "20000",
                description = "tasks whose events warm event-srv up before each measured window")
        private long warm;

        @Option(names = "--rate", defaultValue = "2000", description = "tasks per second of the lag phase")
        private double rate;

        @Option(
                names = "--seconds",
                defaultValue = "30",
                paramLabel = "SECONDS",
                description = "how long the lag phase publishes")
        private Duration lagWindow;

        @Option(names = "--concurrency", defaultValue = "64", description = "the worker's")
        private int concurrency;

        @Option(names = "--batch-size", defaultValue = "1000", description = "event-srv's split.events.batch-size")
        private int batchSize;

        @Mixin
        private SidesOptions sides;

        @Option(
                names = "--phases",
                split = ",",
                paramLabel = "PHASE",
                defaultValue = "throughput,lag,retention",
                description = "of ${COMPLETION-CANDIDATES}")
        private List<Phase> phases;

        @Option(
                names = "--event-srv-jar",
                paramLabel = "JAR",
                description = "event-srv's executable jar: run it in a JVM of its own, as bin/split does, instead of in"
                        + " this one (e.g. \"$(bin/module-jar event-srv task-contracts split-web event-srv)\")")
        private @Nullable Path eventSrvJar;

        @Mixin
        private DatabaseOptions database;

        @Override
        protected void check() {
            atLeast("--tasks", tasks, 1);
            atLeast("--warm", warm, 0);
            positive("--rate", rate);
            atLeast("--concurrency", concurrency, 1);
            atLeast("--batch-size", batchSize, 1);
            if (eventSrvJar != null && !Files.isRegularFile(eventSrvJar)) {
                throw usage("--event-srv-jar: no such file: " + eventSrvJar);
            }
        }

        @Override
        protected void run() throws IOException {
            Settings settings = new Settings(
                    tasks,
                    warm,
                    rate,
                    lagWindow,
                    concurrency,
                    batchSize,
                    database,
                    List.copyOf(phases),
                    eventSrvJar,
                    sides.sides());
            try (BenchRedis redis = settings.sides().redis()) {
                Report report = new Journal(settings, redis).all();
                print(report, System.out);
                System.out.println(Json.line(report));
            }
        }
    }

    private Report all() {
        try (ThrowawaySchema schema = settings.database().throwaway("split_bench_journal")) {
            if (schema.serverUrl().contains("//127.0.0.1") || schema.serverUrl().contains("//localhost")) {
                databaseServer = ProcStats.find("mariadbd", "mysqld");
            }
            progress.printf(
                    "split-bench journal: prefix %s, schema %s, files in %s%n",
                    base, schema.name(), settings.sides().dir());
            Throughput throughput = settings.phases().contains(Phase.THROUGHPUT) ? throughput(schema) : null;
            Lag lag = settings.phases().contains(Phase.LAG) ? lag(schema) : null;
            Retention retention = settings.phases().contains(Phase.RETENTION) ? retention(schema) : null;
            return new Report(
                    settings.eventSrvJar() == null
                            ? "in-process"
                            : settings.eventSrvJar().toString(),
                    settings.sides().url(),
                    schema.serverUrl(),
                    settings.batchSize(),
                    settings.concurrency(),
                    throughput,
                    lag,
                    retention);
        }
    }

    private Throughput throughput(ThrowawaySchema schema) {
        String prefix = base + "-throughput";
        long n = settings.tasks();
        long all = (settings.warm() + n) * EVENTS_PER_TASK;
        long warmEvents = settings.warm() * EVENTS_PER_TASK;
        String stream =
                new RedisKeys(prefix).events(QueueName.of(settings.sides().queue()));
        progress.printf("throughput: %,d + %,d tasks published and run while nothing journals%n", settings.warm(), n);
        Sides.Worker worker = null;
        try {
            settings.sides().produce("throughput-producer", prefix, "bulk", settings.warm() + n, null, List.of());
            worker = settings.sides()
                    .startWorker(
                            "throughput-worker",
                            prefix,
                            settings.concurrency(),
                            0,
                            0,
                            settings.warm() + n,
                            List.of("--keep-keys"));
            worker.awaitDone();
            long found = redis.plain().xlen(stream);
            if (found != all) {
                throw new IllegalStateException("expected %d events on %s, found %d".formatted(all, stream, found));
            }
            progress.printf("throughput: %,d events on %s; starting event-srv%n", all, stream);
            double booted = ProcStats.now();
            try (EventSrv eventSrv = startEventSrv(schema, prefix, "throughput")) {
                double first = Double.NaN;
                double counted = 0;
                double cpu = 0;
                double database = 0;
                double machine = 0;
                long deadline = System.nanoTime() + settings.sides().timeout().toNanos();
                // Measured from the first batch after the warm-up's events: the JIT compiles event-srv on those.
                // event-srv deletes what it journalled, so the stream tells how far it is without asking it.
                long left;
                while ((left = redis.plain().xlen(stream)) > 0) {
                    long journalled = all - left;
                    if (Double.isNaN(first) && journalled > 0 && journalled >= warmEvents) {
                        first = ProcStats.now();
                        counted = journalled;
                        cpu = eventSrv.cpuSeconds();
                        database = databaseCpu();
                        machine = ProcStats.machineBusySeconds();
                    }
                    pause(Duration.ofMillis(5), deadline, "journalling " + all + " events");
                }
                double last = ProcStats.now();
                double seconds = last - first;
                checkRows(eventSrv, all);
                return new Throughput(
                        n,
                        all - warmEvents,
                        seconds,
                        (all - counted) / seconds,
                        all / (last - booted),
                        (eventSrv.cpuSeconds() - cpu) / (all - counted) * 1e6,
                        (databaseCpu() - database) / (all - counted) * 1e6,
                        (ProcStats.machineBusySeconds() - machine) / seconds,
                        eventSrv.meanBatch(),
                        eventSrv.meanWriteMs());
            }
        } finally {
            Sides.stop(worker);
            redis.deleteKeys(prefix);
        }
    }

    private Lag lag(ThrowawaySchema schema) {
        String prefix = base + "-lag";
        double rate = settings.rate();
        long n = Math.max(1, Math.round(rate * settings.lagWindow().toNanos() / 1e9));
        long events = n * EVENTS_PER_TASK;
        String stream =
                new RedisKeys(prefix).events(QueueName.of(settings.sides().queue()));
        long warm = settings.warm();
        progress.printf(
                "lag: event-srv running and warmed on %,d tasks' events, then %,d tasks published at %.0f/s%n",
                warm, n, rate);
        Sides.Worker worker = null;
        try (EventSrv eventSrv = startEventSrv(schema, prefix, "lag")) {
            worker = settings.sides()
                    .startWorker("lag-worker", prefix, settings.concurrency(), 0, 0, warm + n, List.of("--keep-keys"));
            // Published before the worker has warmed itself up, the tasks would wait for it and then end in a burst
            // far above the rate.
            worker.awaitWarm();
            long deadline = System.nanoTime() + settings.sides().timeout().toNanos();
            // A service's JVM is warm: the JIT compiles event-srv on these before the measured window.
            if (warm > 0) {
                settings.sides().produce("lag-warm-producer", prefix, "bulk", warm, null, List.of());
            }
            while (eventSrv.journalled() < warm * EVENTS_PER_TASK
                    || redis.plain().xlen(stream) > 0) {
                pause(SAMPLE, deadline, "journalling the " + warm + " warm-up tasks' events");
            }
            long rowsBefore = eventSrv.rows();
            Sides.Worker running = worker;
            double cpu = eventSrv.cpuSeconds();
            double database = databaseCpu();
            double machine = ProcStats.machineBusySeconds();
            double start = ProcStats.now();
            CompletableFuture<Produce.Result> produced = CompletableFuture.supplyAsync(
                    () -> settings.sides().produce("lag-producer", prefix, "paced", n, rate, List.of()));
            CompletableFuture<Work.Done> done = produced.thenApply(result -> running.awaitDone());
            List<Double> waiting = new ArrayList<>();
            List<Double> ages = new ArrayList<>();
            // Once the worker is done every event is on the stream, and an empty stream is a journalled one.
            while (!done.isDone() || redis.plain().xlen(stream) > 0) {
                if (done.isCompletedExceptionally()) {
                    done.join(); // the producer or the worker failed: its exception ends the run
                }
                long length = redis.plain().xlen(stream);
                List<StreamMessage<String, String>> oldest =
                        redis.plain().xrange(stream, Range.create("-", "+"), Limit.from(1));
                waiting.add((double) length);
                ages.add(
                        oldest.isEmpty()
                                ? 0
                                : Math.max(0, System.currentTimeMillis() - millis(oldest.getFirst())) / 1e3);
                pause(SAMPLE, deadline, "journalling " + events + " events at " + rate + "/s");
            }
            double zero = ProcStats.now();
            Work.Done ended = done.join();
            checkRows(eventSrv, rowsBefore + events);
            return new Lag(
                    rate,
                    produced.join().perSecond(),
                    n,
                    events,
                    Percentiles.of(
                            waiting.stream().mapToDouble(Double::doubleValue).toArray()),
                    Percentiles.of(
                            ages.stream().mapToDouble(Double::doubleValue).toArray()),
                    Math.max(0, zero - ended.lastEnd()),
                    (eventSrv.cpuSeconds() - cpu) / events * 1e6,
                    (databaseCpu() - database) / events * 1e6,
                    (ProcStats.machineBusySeconds() - machine) / (zero - start),
                    eventSrv.meanBatch(),
                    eventSrv.meanWriteMs());
        } finally {
            Sides.stop(worker);
            redis.deleteKeys(prefix);
        }
    }

    private Retention retention(ThrowawaySchema schema) {
        JdbcClient jdbc = schema.jdbc();
        if (!settings.phases().contains(Phase.THROUGHPUT) && !settings.phases().contains(Phase.LAG)) {
            progress.printf("retention: %,d tasks journalled first%n", settings.warm() + settings.tasks());
            throughput(schema);
        }
        long tasks = jdbc.sql("SELECT COUNT(*) FROM tasks").query(Long.class).single();
        long events =
                jdbc.sql("SELECT COUNT(*) FROM events_log").query(Long.class).single();
        progress.printf("retention: deleting %,d tasks and their %,d events%n", tasks, events);
        String prefix = base + "-retention"; // its consumer groups' empty streams
        long deadline = System.nanoTime() + settings.sides().timeout().toNanos();
        // Its first pass starts with the application, before it reports ready: timed from the first row gone.
        try (ExecutorService poller = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Mark[]> deleting = poller.submit(() -> {
                Mark first = null;
                long left;
                while ((left = jdbc.sql("SELECT COUNT(*) FROM tasks")
                                .query(Long.class)
                                .single())
                        > 0) {
                    if (first == null && left < tasks) {
                        first = mark();
                    }
                    pause(Duration.ofMillis(100), deadline, "deleting " + tasks + " tasks");
                }
                Mark last = mark();
                return new Mark[] {first == null ? last : first, last};
            });
            try (EventSrv eventSrv = startEventSrv(schema, prefix, "retention", "--split.events.retention.tasks=1ms")) {
                double cpu = eventSrv.cpuSeconds();
                Mark[] window = deleting.get();
                double seconds = window[1].at() - window[0].at();
                return new Retention(
                        tasks,
                        events,
                        seconds,
                        tasks / seconds,
                        events / seconds,
                        settings.rate() * EVENTS_PER_TASK / (events / seconds),
                        (eventSrv.cpuSeconds() - cpu) / events * 1e6,
                        (window[1].database() - window[0].database()) / events * 1e6,
                        (window[1].machine() - window[0].machine()) / seconds);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the retention deleted", e);
            }
        } finally {
            redis.deleteKeys(prefix);
        }
    }

    /** A moment of a measured window: the time, the database server's CPU and the machine's busy time. */
    private record Mark(double at, double database, double machine) {}

    private Mark mark() {
        return new Mark(ProcStats.now(), databaseCpu(), ProcStats.machineBusySeconds());
    }

    /** The CPU time of the database server, when it runs on this machine: NaN when it does not. */
    private double databaseCpu() {
        return databaseServer.isPresent() ? ProcStats.cpuSeconds(databaseServer.getAsLong()) : Double.NaN;
    }

    /** event-srv on this run's schema and key prefix: in this JVM without a web server, or in a JVM of its own. */
    private EventSrv startEventSrv(ThrowawaySchema schema, String prefix, String phase, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.data.redis.url=" + settings.sides().url(),
                "--split.bus.key-prefix=" + prefix,
                "--split.events.queues=" + settings.sides().queue(),
                "--split.events.batch-size=" + settings.batchSize(),
                // the journal alone is measured: a reconcile would wait for it to catch up, and add load
                "--split.events.recovery.enabled=false"));
        args.addAll(List.of(extra));
        if (settings.eventSrvJar() != null) {
            return EventSrvProcess.start(
                    settings.eventSrvJar(),
                    settings.sides().dir(),
                    "event-srv-" + phase,
                    schema,
                    settings.sides().queue(),
                    settings.sides().timeout(),
                    args);
        }
        List<String> inProcess = new ArrayList<>(List.of(
                "--spring.application.name=event-srv",
                "--spring.flyway.locations=classpath:db/migration/split_events"));
        inProcess.addAll(args);
        return new InProcess(
                schema.boot(EventSrvApplication.class, inProcess.toArray(String[]::new)),
                settings.sides().queue());
    }

    private static void checkRows(EventSrv eventSrv, long expected) {
        long rows = eventSrv.rows();
        if (rows != expected) {
            throw new IllegalStateException("events_log has %d rows, expected %d".formatted(rows, expected));
        }
    }

    private static long millis(StreamMessage<String, String> entry) {
        String id = entry.getId();
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    private static void pause(Duration duration, long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("gave up " + what + " after --max-seconds");
        }
        LockSupport.parkNanos(duration.toNanos());
    }

    /** event-srv as it runs in production, without its web server, in this JVM: its meters read from its registry. */
    private record InProcess(ConfigurableApplicationContext context, String queue) implements EventSrv {

        @Override
        public double journalled() {
            Counter counter = registry()
                    .find("split.events.journalled")
                    .tag("queue", queue)
                    .counter();
            return counter == null ? 0 : counter.count();
        }

        @Override
        public double meanBatch() {
            DistributionSummary batches = registry()
                    .find("split.events.batch.size")
                    .tag("queue", queue)
                    .summary();
            return batches == null ? Double.NaN : batches.mean();
        }

        @Override
        public double meanWriteMs() {
            Timer write =
                    registry().find("split.events.write").tag("queue", queue).timer();
            return write == null ? Double.NaN : write.mean(TimeUnit.MILLISECONDS);
        }

        @Override
        public long rows() {
            return context.getBean(JdbcClient.class)
                    .sql("SELECT COUNT(*) FROM events_log")
                    .query(Long.class)
                    .single();
        }

        /** This JVM's, the bench's sampling included. */
        @Override
        public double cpuSeconds() {
            return ProcStats.cpuSeconds();
        }

        @Override
        public void close() {
            context.close();
        }

        private MeterRegistry registry() {
            return context.getBean(MeterRegistry.class);
        }
    }

    // ---- the table -----------------------------------------------------------------------------------------------

    static void print(Report report, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%nSPLit journal: event-srv %s, batch size %d, worker concurrency %d, %s → %s%n",
                report.eventSrv().equals("in-process") ? "in-process" : "in its own JVM (" + report.eventSrv() + ")",
                report.batchSize(),
                report.concurrency(),
                report.redis(),
                report.jdbcUrl());
        Table table = new Table(out);
        table.row("figure", "value", "goal");
        if (report.throughput() != null) {
            Throughput t = report.throughput();
            table.row(
                    "throughput, %,d events of %,d tasks".formatted(t.events(), t.tasks()),
                    "%,.0f events/s".formatted(t.perSecond()),
                    "≥ 20,000/s");
            table.row("  incl. warm-up and event-srv startup", "%,.0f events/s".formatted(t.withStartup()), "");
            table.cpu(t.cpuUsPerEvent(), t.databaseUsPerEvent(), t.machineCores());
            table.batches(t.meanBatch(), t.meanWriteMs());
        }
        if (report.lag() != null) {
            Lag l = report.lag();
            table.row(
                    "lag @%,.0f tasks/s (%,.0f achieved), %,d tasks".formatted(l.rate(), l.achievedRate(), l.tasks()),
                    "",
                    "");
            table.row(
                    "  oldest unjournalled event p50/p99/max",
                    "%.0f/%.0f/%.0f ms"
                            .formatted(
                                    l.oldestAge().p50() * 1e3,
                                    l.oldestAge().p99() * 1e3,
                                    l.oldestAge().max() * 1e3),
                    "< 1,000 ms");
            table.row(
                    "  entries waiting p50/p99/max",
                    "%.0f/%.0f/%.0f"
                            .formatted(
                                    l.waiting().p50(),
                                    l.waiting().p99(),
                                    l.waiting().max()),
                    "");
            table.row("  last task end → all journalled", "%.0f ms".formatted(l.drainSeconds() * 1e3), "");
            table.cpu(l.cpuUsPerEvent(), l.databaseUsPerEvent(), l.machineCores());
            table.batches(l.meanBatch(), l.meanWriteMs());
        }
        if (report.retention() != null) {
            Retention r = report.retention();
            table.row(
                    "retention: %,d tasks, %,d events deleted".formatted(r.tasks(), r.events()),
                    "%.1f s".formatted(r.seconds()),
                    "");
            table.row("  tasks/s, events/s", "%,.0f, %,.0f".formatted(r.tasksPerSecond(), r.eventsPerSecond()), "");
            table.row("  share of the time at the lag phase's rate", "%.1f %%".formatted(r.shareAtRate() * 100), "");
            table.cpu(r.cpuUsPerEvent(), r.databaseUsPerEvent(), r.machineCores());
        }
        out.println("Samples every " + SAMPLE.toMillis() + " ms; event-srv deletes an entry once it is journalled, so"
                + " what waits is the stream's length and the oldest is its first entry.");
        out.println("database = the MariaDB/MySQL server's process, when --jdbc-url is on this machine (NaN when not);"
                + " machine busy = all cores (/proc/stat): producer, worker, Redis and MySQL included.");
    }

    /** The report's rows: figure, value, goal. */
    private record Table(PrintStream out) {

        void row(String figure, String value, String goal) {
            out.printf(Locale.ROOT, "%-44s %20s %16s%n", figure, value, goal);
        }

        void cpu(double eventSrvUsPerEvent, double databaseUsPerEvent, double machineCores) {
            row(
                    "  CPU event-srv + database, machine busy",
                    "%.1f + %.1f µs/event, %.2f cores".formatted(eventSrvUsPerEvent, databaseUsPerEvent, machineCores),
                    "");
        }

        void batches(double meanBatch, double meanWriteMs) {
            row("  mean batch, mean write per batch", "%.0f, %.1f ms".formatted(meanBatch, meanWriteMs), "");
        }
    }
}
