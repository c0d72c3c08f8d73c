package com.split.tasks.bus.schedule;

import com.split.tasks.EventType;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.bus.BusScripts;
import com.split.tasks.codec.TaskCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes each schedule's runs when they come due. Every instance that runs one ticks through the same schedules,
 * and none is a leader: {@code fire-3.lua} takes a due time and publishes its task in one script, so a due time is
 * published once whatever the number of schedulers, and none that starts, stops or restarts through it publishes it
 * twice or skips it. A due time more than {@code grace} in the past was missed (no scheduler ran): the schedule's
 * {@link MissedRuns} decides between running it once, late, or journalling it as skipped, and the earlier ones it
 * missed are counted in the journal, never run.
 *
 * <p>Schedules are reread only when their version changes; between due times a scheduler sends one GET per poll.
 */
public final class RecurringScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RecurringScheduler.class);

    /** Missed runs are counted up to this many: a frequent schedule down for long gives "at least". */
    static final long MISSED_COUNT_CAP = 100_000;

    private final Schedules schedules;
    private final BusScripts scripts;
    private final TaskCodec codec;
    private final Clock clock;
    private final Duration poll;
    private final Duration grace;
    private final String module;
    private final String instance;
    private final List<Schedule> configured;
    private final Map<String, Counter> runs = new HashMap<>();

    private final Map<String, Tracked> tracked = new HashMap<>();
    private long loadedVersion = -1;
    private boolean configuredPut;
    private volatile @Nullable ScheduledExecutorService thread;

    /**
     * @param poll the longest a scheduler waits between two looks at its schedules; it wakes for a due time sooner
     * @param grace how late a run may be published and still count as on time
     * @param module the module whose tasks' initiator it is
     * @param instance this instance, the initiator's instance
     * @param configured the schedules of this application's configuration, put when the scheduler first reaches Redis;
     *     those it put before and are no longer configured are removed then
     */
    public RecurringScheduler(
            Schedules schedules,
            BusScripts scripts,
            TaskCodec codec,
            Clock clock,
            Duration poll,
            Duration grace,
            String module,
            String instance,
            List<Schedule> configured,
            MeterRegistry registry) {
        this.schedules = schedules;
        this.scripts = scripts;
        this.codec = codec;
        this.clock = clock;
        this.poll = poll;
        this.grace = grace;
        this.module = module;
        this.instance = instance;
        this.configured = List.copyOf(configured);
        for (String outcome : List.of("published", "late", "skipped", "taken")) {
            runs.put(
                    outcome,
                    Counter.builder("split.schedule.runs")
                            .description("Due times of recurring schedules: published on time or late, skipped as"
                                    + " missed, or taken by another scheduler first")
                            .tag("outcome", outcome)
                            .register(registry));
        }
    }

    private static final class Tracked {
        final Schedule schedule;
        final Timing timing;
        /** The latest due time known to be taken: no run at or before it is published. */
        private Instant cursor;
        /** The first due time after the cursor, kept so that an idle look computes nothing; null for none. */
        private @Nullable Instant next;

        Tracked(Schedule schedule, Instant cursor) {
            this.schedule = schedule;
            this.timing = schedule.timing();
            moveTo(cursor);
        }

        void moveTo(Instant taken) {
            cursor = taken;
            next = timing.nextAfter(taken);
        }
    }

    /**
     * Looks at every schedule once: publishes or skips the runs that are due.
     *
     * @return when this scheduler should look again: the next due time, or one poll from now, whichever is sooner
     */
    public synchronized Instant tick() {
        putConfigured();
        reload();
        Instant now = clock.instant();
        Instant wake = now.plus(poll);
        for (Tracked schedule : tracked.values()) {
            if (schedule.next != null && !schedule.next.isAfter(now)) {
                fire(schedule, now);
            }
            if (schedule.next != null && schedule.next.isBefore(wake)) {
                wake = schedule.next;
            }
        }
        return wake;
    }

    private void putConfigured() {
        if (configuredPut) {
            return;
        }
        Map<String, Schedule> stored = new HashMap<>();
        schedules.all().forEach(schedule -> stored.put(schedule.name(), schedule));
        for (Schedule schedule : configured) {
            Schedule before = stored.get(schedule.name());
            if (before != null && !before.owner().equals(schedule.owner())) {
                log.error(
                        "Schedule {} is configured here but owned by {}: the configured one is not put",
                        schedule.name(),
                        before.owner());
            } else if (before == null || !before.sameRunsAs(schedule)) {
                schedules.put(schedule);
                log.info("Put configured schedule {}", schedule.name());
            }
        }
        List<String> configuredNames = configured.stream().map(Schedule::name).toList();
        String owner = configOwner(module);
        stored.values().stream()
                .filter(schedule -> schedule.owner().equals(owner) && !configuredNames.contains(schedule.name()))
                .forEach(schedule -> {
                    schedules.remove(schedule.name());
                    log.info("Removed schedule {}: no longer in {}'s configuration", schedule.name(), module);
                });
        configuredPut = true;
    }

    /** The owner of the schedules in {@code application}'s configuration. */
    public static String configOwner(String application) {
        return "config:" + application;
    }

    private void reload() {
        long version = schedules.version();
        if (version == loadedVersion) {
            return;
        }
        List<Schedule> current = schedules.all();
        Map<String, LastRun> lastRuns = schedules.lastRuns(current);
        Map<String, Tracked> before = new HashMap<>(tracked);
        tracked.clear();
        for (Schedule schedule : current) {
            LastRun last = lastRuns.get(schedule.name());
            Instant cursor = schedule.updatedAt();
            if (last != null && last.due().isAfter(cursor)) {
                cursor = last.due();
            }
            Tracked known = before.get(schedule.name());
            if (known != null && known.schedule.equals(schedule)) {
                if (cursor.isAfter(known.cursor)) {
                    known.moveTo(cursor);
                }
                tracked.put(schedule.name(), known);
            } else {
                tracked.put(schedule.name(), new Tracked(schedule, cursor));
            }
        }
        loadedVersion = version;
    }

    private void fire(Tracked tracked, Instant now) {
        Schedule schedule = tracked.schedule;
        Instant due = tracked.timing.lastAtOrBefore(now, tracked.cursor);
        if (due == null) {
            return;
        }
        long missed = tracked.timing.countBetween(tracked.cursor, due, MISSED_COUNT_CAP);
        Duration late = Duration.between(due, now);
        boolean onTime = late.compareTo(grace) <= 0;
        boolean publish = onTime || schedule.missed() == MissedRuns.RUN_ONCE;

        TaskEnvelope task = envelope(schedule, due);
        ObjectNode details = codec.mapper()
                .createObjectNode()
                .put("schedule", schedule.name())
                .put("due_at", due.toString());
        if (!onTime) {
            details.put("late_ms", late.toMillis());
        }
        if (missed > 0) {
            details.put("missed_runs", missed).put("missed", schedule.missed().wireName());
        }
        byte[] envelope = codec.encode(task);
        Map<String, String> created = codec.streamFields(
                TaskEvent.of(EventType.TASK_CREATED, task, now).withDetails(details), envelope);
        Map<String, String> then = publish
                ? codec.streamFields(TaskEvent.of(EventType.TASK_QUEUED, task, now), null)
                : codec.streamFields(
                        TaskEvent.of(EventType.TASK_CANCELLED, task, now)
                                .withError(new TaskEvent.ErrorInfo("missed_run", skippedReason(due, missed, late))),
                        null);
        Optional<String> taken = scripts.fire(
                task.queue(),
                new BusScripts.Firing(
                        schedule.name(), due, task.taskId(), task.priority(), publish, now, envelope, created, then));
        if (taken.isPresent()) {
            LastRun standing = LastRun.parse(taken.get());
            tracked.moveTo(standing.due().isAfter(due) ? standing.due() : due);
            runs.get("taken").increment();
            return;
        }
        tracked.moveTo(due);
        String outcome = !publish ? "skipped" : onTime ? "published" : "late";
        runs.get(outcome).increment();
        if (onTime && missed == 0) {
            log.debug("Schedule {} published task {} due at {}", schedule.name(), task.taskId(), due);
        } else {
            log.warn(
                    "Schedule {} {} task {} due at {}, {} late; {} earlier runs missed",
                    schedule.name(),
                    publish ? "published" : "skipped",
                    task.taskId(),
                    due,
                    late,
                    missed);
        }
    }

    private TaskEnvelope envelope(Schedule schedule, Instant due) {
        ScheduledTask task = schedule.task();
        return TaskEnvelope.builder(task.type())
                .initiator(module, instance)
                .userId(task.userId())
                .sessionId(schedule.sessionId())
                .tickers(task.tickers())
                .payload(task.payload().deepCopy())
                .maxRetries(task.maxRetries())
                .priority(task.priority())
                .timeout(Duration.ofMillis(task.timeoutMs()))
                .extension(
                        "schedule",
                        codec.mapper()
                                .createObjectNode()
                                .put("name", schedule.name())
                                .put("due_at", due.toString()))
                .clock(clock)
                .build();
    }

    private static String skippedReason(Instant due, long missed, Duration late) {
        return "the run due at %s came %d s late, when no scheduler had run; the schedule skips missed runs%s"
                .formatted(
                        due,
                        late.toSeconds(),
                        missed > 0 ? " (and %d earlier ones were missed too)".formatted(missed) : "");
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("split-scheduler").daemon().factory());
        thread.execute(this::loop);
    }

    private void loop() {
        Duration wait = poll;
        try {
            Instant wake = tick();
            wait = Duration.between(clock.instant(), wake);
        } catch (RuntimeException e) {
            log.warn("Scheduler could not look at its schedules, trying again in {}: {}", poll, e.toString());
        }
        ScheduledExecutorService executor = thread;
        if (executor != null && !executor.isShutdown()) {
            // a due time a few ms off is reached at it, not a poll later; never spin
            long millis = Math.max(10, Math.min(poll.toMillis(), wait.toMillis() + 1));
            executor.schedule(this::loop, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
