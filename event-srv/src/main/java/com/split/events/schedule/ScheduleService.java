package com.split.events.schedule;

import com.split.events.actions.QueueActionJournal;
import com.split.tasks.bus.schedule.LastRun;
import com.split.tasks.bus.schedule.Schedule;
import com.split.tasks.bus.schedule.Schedules;
import com.split.web.ConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The schedules as the API shows and changes them. Only those made through the API ({@link Schedule#API_OWNER}) may
 * be changed here: a configured one belongs to its application's configuration, a portfolio's daily refresh to
 * portfolio-mngr. Each change is journalled in {@code queue_actions} against the queue of the schedule's task.
 */
@Service
class ScheduleService {

    static final String PUT = "schedule_put";
    static final String REMOVED = "schedule_removed";

    private static final Logger log = LoggerFactory.getLogger(ScheduleService.class);

    private final Schedules schedules;
    private final QueueActionJournal journal;
    private final Clock clock;

    ScheduleService(Schedules schedules, QueueActionJournal journal) {
        this.schedules = schedules;
        this.journal = journal;
        this.clock = Clock.systemUTC();
    }

    List<ScheduleView> all() {
        List<Schedule> all = schedules.all();
        Map<String, LastRun> lastRuns = schedules.lastRuns(all);
        Instant now = clock.instant();
        return all.stream()
                .map(schedule -> view(schedule, lastRuns.get(schedule.name()), now))
                .toList();
    }

    Optional<ScheduleView> get(String name) {
        return schedules.get(name).map(schedule -> view(schedule, lastRun(schedule), clock.instant()));
    }

    /** @return the schedule as now defined, and whether it is new */
    Put put(Schedule schedule) {
        Optional<Schedule> before = schedules.get(schedule.name());
        before.ifPresent(ScheduleService::requireApiOwned);
        schedules.put(schedule);
        journal.record(
                schedule.task().queue(),
                PUT,
                String.valueOf(schedule.updatedBy()),
                describe(schedule),
                null,
                null,
                schedule.updatedAt());
        log.info("{} put schedule {}: {}", schedule.updatedBy(), schedule.name(), describe(schedule));
        return new Put(view(schedule, lastRun(schedule), clock.instant()), before.isEmpty());
    }

    record Put(ScheduleView view, boolean created) {}

    /** @return whether there was such a schedule */
    boolean remove(String name, String by) {
        Optional<Schedule> schedule = schedules.get(name);
        if (schedule.isEmpty()) {
            return false;
        }
        requireApiOwned(schedule.get());
        schedules.remove(name);
        journal.record(
                schedule.get().task().queue(), REMOVED, by, describe(schedule.get()), null, null, clock.instant());
        log.info("{} removed schedule {}", by, name);
        return true;
    }

    private @Nullable LastRun lastRun(Schedule schedule) {
        return schedules.lastRuns(List.of(schedule)).get(schedule.name());
    }

    private static ScheduleView view(Schedule schedule, @Nullable LastRun lastRun, Instant now) {
        Instant after = lastRun != null && lastRun.due().isAfter(now) ? lastRun.due() : now;
        return new ScheduleView(
                schedule, schedule.timing().nextAfter(after), lastRun, "/api/tasks?sessionId=" + schedule.sessionId());
    }

    private static void requireApiOwned(Schedule schedule) {
        if (!schedule.owner().equals(Schedule.API_OWNER)) {
            throw new ConflictException(
                    "Schedule not managed here",
                    "Schedule '%s' is managed by %s: change it there".formatted(schedule.name(), schedule.owner()));
        }
    }

    private static String describe(Schedule schedule) {
        String timing = schedule.cron() != null
                ? "cron '%s' %s".formatted(schedule.cron(), schedule.zone() == null ? "UTC" : schedule.zone())
                : "every " + schedule.every();
        return "schedule %s: %s, task %s, missed runs %s"
                .formatted(
                        schedule.name(),
                        timing,
                        schedule.task().taskType(),
                        schedule.missed().wireName());
    }
}
