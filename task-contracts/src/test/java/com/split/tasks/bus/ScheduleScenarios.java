package com.split.tasks.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskIds;
import com.split.tasks.TaskPriority;
import com.split.tasks.bus.schedule.LastRun;
import com.split.tasks.bus.schedule.MissedRuns;
import com.split.tasks.bus.schedule.RecurringScheduler;
import com.split.tasks.bus.schedule.Schedule;
import com.split.tasks.bus.schedule.ScheduledTask;
import com.split.tasks.bus.schedule.Schedules;
import com.split.tasks.codec.TaskCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Recurring schedules against a real Redis: each due time published once by any number of schedulers, and missed runs
 * handled by their policy. Subclasses choose the Redis: a standalone server, or a three-master cluster. The schedules'
 * queue has no workers, so what they publish stays on its ready list to be counted.
 */
abstract class ScheduleScenarios {

    static final QueueName SCHEDULED = QueueName.of("test_scheduled");

    @Autowired
    BusRedis redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    TaskCodec codec;

    @Autowired
    BusScripts scripts;

    @Autowired
    Schedules schedules;

    BusEvents bus() {
        return new BusEvents(redis, keys, codec);
    }

    static Schedule every(String name, String every, MissedRuns missed, Instant definedAt) {
        return new Schedule(
                name,
                null,
                null,
                every,
                missed,
                new ScheduledTask("scheduled_task", SCHEDULED, "tests", null, List.of("AAPL"), null, null, null, null),
                Schedule.API_OWNER,
                definedAt,
                "tests");
    }

    RecurringScheduler scheduler(Clock clock, Duration grace) {
        return new RecurringScheduler(
                schedules,
                scripts,
                codec,
                clock,
                Duration.ofMillis(200),
                grace,
                "tests",
                "scheduler-" + TaskIds.newId(),
                List.of(),
                new SimpleMeterRegistry());
    }

    /** The schedule's tasks' events, by task, in stream order. */
    Map<UUID, List<TaskEvent>> runsOf(String schedule) {
        return bus().byTask(SCHEDULED).entrySet().stream()
                .filter(entry -> entry.getValue().getFirst().sessionId().equals("schedule." + schedule))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static Instant dueAt(List<TaskEvent> events) {
        return Instant.parse(events.getFirst().details().get("due_at").asString());
    }

    @Test
    void eachDueTimeIsPublishedOnceBySchedulersStartingAndStoppingThroughIt() throws InterruptedException {
        String name = "every-second-" + TaskIds.newId();
        schedules.put(every(name, "1s", MissedRuns.RUN_ONCE, Instant.now()));
        List<RecurringScheduler> instances = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            instances.add(scheduler(Clock.systemUTC(), Duration.ofMinutes(1)));
        }
        // Three running at once, each stopped in turn and replaced by a new instance, as a restarted process would be:
        // all three reach each due time together, and stops and starts fall on due times too.
        instances.forEach(RecurringScheduler::start);
        for (int step = 0; step < 12; step++) {
            Thread.sleep(450);
            int index = step % 3;
            instances.get(index).stop();
            RecurringScheduler restarted = scheduler(Clock.systemUTC(), Duration.ofMinutes(1));
            restarted.start();
            instances.set(index, restarted);
        }
        instances.forEach(RecurringScheduler::stop);
        schedules.remove(name);

        Map<UUID, List<TaskEvent>> runs = runsOf(name);
        List<Instant> due =
                runs.values().stream().map(ScheduleScenarios::dueAt).sorted().toList();
        assertThat(due).as("due times published").hasSizeGreaterThanOrEqualTo(4).doesNotHaveDuplicates();
        for (int i = 1; i < due.size(); i++) {
            assertThat(Duration.between(due.get(i - 1), due.get(i)))
                    .as("no due time skipped")
                    .isEqualTo(Duration.ofSeconds(1));
        }
        runs.values().forEach(events -> {
            assertThat(events)
                    .extracting(TaskEvent::eventType)
                    .containsExactly(EventType.TASK_CREATED, EventType.TASK_QUEUED);
            assertThat(events.getFirst().details().has("missed_runs")).isFalse();
        });
        assertThat(bus().ready(SCHEDULED))
                .filteredOn(task -> task.sessionId().equals("schedule." + name))
                .hasSize(runs.size())
                .allSatisfy(task -> {
                    JsonNode schedule = task.extensions().get("schedule");
                    assertThat(schedule.get("name").asString()).isEqualTo(name);
                    assertThat(task.tickers()).containsExactly("AAPL");
                    assertThat(task.priority()).as("below what users start").isEqualTo(TaskPriority.LOW);
                });
    }

    @Test
    void aMissedRunIsRunOnceLateWithTheMissedOnesCounted() {
        Instant definedAt = Instant.parse("2026-12-07T05:00:00Z");
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:30:00Z"), ZoneOffset.UTC);
        String name = "hourly-run-once-" + TaskIds.newId();
        schedules.put(every(name, "1h", MissedRuns.RUN_ONCE, definedAt));

        scheduler(clock, Duration.ofMinutes(1)).tick();

        Map<UUID, List<TaskEvent>> runs = runsOf(name);
        assertThat(runs).hasSize(1);
        List<TaskEvent> events = runs.values().iterator().next();
        assertThat(events)
                .extracting(TaskEvent::eventType)
                .containsExactly(EventType.TASK_CREATED, EventType.TASK_QUEUED);
        JsonNode details = events.getFirst().details();
        assertThat(dueAt(events)).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(details.get("late_ms").asLong())
                .isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat(details.get("missed_runs").asLong()).as("06:00 to 09:00").isEqualTo(4);
        assertThat(details.get("missed").asString()).isEqualTo("run_once");

        // neither it again nor a restarted scheduler publishes the run a second time
        scheduler(clock, Duration.ofMinutes(1)).tick();
        assertThat(runsOf(name)).hasSize(1);
        assertThat(schedules.lastRuns(schedules.get(name).stream().toList()).get(name))
                .extracting(LastRun::due, LastRun::skipped)
                .containsExactly(Instant.parse("2026-12-07T10:00:00Z"), false);
        schedules.remove(name);
    }

    @Test
    void aSkippedRunIsJournalledAsCancelledAndNothingIsQueued() {
        Instant definedAt = Instant.parse("2026-12-07T05:00:00Z");
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:30:00Z"), ZoneOffset.UTC);
        String name = "hourly-skip-" + TaskIds.newId();
        schedules.put(every(name, "1h", MissedRuns.SKIP, definedAt));

        RecurringScheduler scheduler = scheduler(clock, Duration.ofMinutes(1));
        scheduler.tick();

        Map<UUID, List<TaskEvent>> runs = runsOf(name);
        assertThat(runs).hasSize(1);
        List<TaskEvent> events = runs.values().iterator().next();
        assertThat(events)
                .extracting(TaskEvent::eventType)
                .containsExactly(EventType.TASK_CREATED, EventType.TASK_CANCELLED);
        assertThat(events.getLast().error().type()).isEqualTo("missed_run");
        assertThat(events.getLast().error().message()).contains("1800 s late", "4 earlier ones");
        assertThat(bus().ready(SCHEDULED)).noneMatch(task -> task.sessionId().equals("schedule." + name));
        assertThat(schedules
                        .lastRuns(schedules.get(name).stream().toList())
                        .get(name)
                        .skipped())
                .isTrue();

        // the next due time, on time, is published
        Clock onTime = Clock.fixed(Instant.parse("2026-12-07T11:00:05Z"), ZoneOffset.UTC);
        scheduler(onTime, Duration.ofMinutes(1)).tick();
        assertThat(runsOf(name)).hasSize(2);
        assertThat(bus().ready(SCHEDULED))
                .filteredOn(task -> task.sessionId().equals("schedule." + name))
                .extracting(TaskEnvelope::createdAt)
                .containsExactly(Instant.parse("2026-12-07T11:00:05Z"));
        schedules.remove(name);
    }

    @Test
    void aNewScheduleRunsNothingDueBeforeItWasDefined() {
        String name = "new-" + TaskIds.newId();
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:30:00Z"), ZoneOffset.UTC);
        schedules.put(every(name, "1h", MissedRuns.RUN_ONCE, Instant.parse("2026-12-07T10:29:00Z")));

        Instant wake = scheduler(clock, Duration.ofMinutes(1)).tick();

        assertThat(runsOf(name)).isEmpty();
        assertThat(wake)
                .as("wakes a poll later: 11:00 is further")
                .isEqualTo(Instant.parse("2026-12-07T10:30:00.200Z"));
        schedules.remove(name);
        await().until(() -> schedules.get(name).isEmpty());
    }
}
