package com.split.portfolio.daily;

import com.split.portfolio.Actor;
import com.split.portfolio.config.PortfolioProperties;
import com.split.portfolio.portfolio.PortfolioService;
import com.split.tasks.TaskType;
import com.split.tasks.bus.BusUnavailableException;
import com.split.tasks.bus.schedule.MissedRuns;
import com.split.tasks.bus.schedule.Schedule;
import com.split.tasks.bus.schedule.ScheduledTask;
import com.split.tasks.bus.schedule.Schedules;
import com.split.tasks.bus.schedule.Timing;
import com.split.web.InvalidParameterException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Each portfolio's daily refresh. The database holds the settings; the bus holds one recurring schedule per portfolio
 * whose refresh is on ({@code portfolio-refresh-<id>}, owned by portfolio-mngr), which publishes a
 * {@code scheduled_refresh} task at each due time: any portfolio-mngr instance's scheduler publishes it, once, and any
 * instance's worker starts the run. A change through the API puts or removes the portfolio's schedule at once; every
 * instance also brings all of them in line with the database each minute, so that a change made while Redis was away,
 * or a flushed Redis, is made good.
 */
@Service
public class DailyRefreshes {

    /** Who a scheduled run is recorded as requested by. */
    public static final String REQUESTED_BY = "daily-refresh";

    static final String OWNER = "portfolio-mngr";
    static final String NAME_PREFIX = "portfolio-refresh-";

    private static final Logger log = LoggerFactory.getLogger(DailyRefreshes.class);

    private final DailyRefreshRepository settings;
    private final PortfolioService portfolios;
    private final Schedules schedules;
    private final PortfolioProperties.DailyRefresh defaults;
    private final Clock clock;

    DailyRefreshes(
            DailyRefreshRepository settings,
            PortfolioService portfolios,
            Schedules schedules,
            PortfolioProperties properties,
            Clock clock) {
        this.settings = settings;
        this.portfolios = portfolios;
        this.schedules = schedules;
        this.defaults = properties.dailyRefresh();
        this.clock = clock;
    }

    static String scheduleName(long portfolioId) {
        return NAME_PREFIX + portfolioId;
    }

    DailyRefreshView view(long portfolioId, Actor actor) {
        String owner = portfolios.ownerIfVisible(portfolioId, actor);
        return view(portfolioId, owner, settings.find(portfolioId).orElse(null));
    }

    DailyRefreshView change(long portfolioId, DailyRefreshRequest request, Actor actor) {
        String owner = portfolios.ownerIfVisible(portfolioId, actor);
        if (request.enabled() == null) {
            throw new InvalidParameterException("enabled", "is required: true or false");
        }
        DailyRefreshSetting setting = new DailyRefreshSetting(request.enabled(), time(request.at()));
        settings.save(portfolioId, setting, actor.userId(), clock.instant());
        log.info(
                "{} turned the daily refresh of portfolio {} {}",
                actor.userId(),
                portfolioId,
                setting.enabled() ? "on" : "off");
        try {
            syncOne(portfolioId, owner, setting);
        } catch (BusUnavailableException e) {
            log.warn(
                    "Schedule of portfolio {} is put within a minute, when Redis answers: {}",
                    portfolioId,
                    e.toString());
        }
        return view(portfolioId, owner, setting);
    }

    /** Whether the portfolio's daily refresh is on now: a run published before it was turned off does nothing. */
    public boolean isOn(long portfolioId) {
        return settings.one(portfolioId)
                .map(owned -> enabled(owned.owner(), owned.setting()))
                .orElse(false);
    }

    /**
     * Puts the schedule of each portfolio whose refresh is on, and removes portfolio-mngr's other ones.
     *
     * @return the schedules put or removed
     */
    int syncAll() {
        Map<String, Schedule> wanted = new HashMap<>();
        settings.all()
                .forEach((id, owned) -> schedule(id, owned.owner(), owned.setting())
                        .ifPresent(schedule -> wanted.put(schedule.name(), schedule)));
        Map<String, Schedule> standing = new HashMap<>();
        schedules.all().stream()
                .filter(schedule -> schedule.owner().equals(OWNER))
                .forEach(schedule -> standing.put(schedule.name(), schedule));
        int changed = 0;
        for (Schedule schedule : wanted.values()) {
            Schedule before = standing.get(schedule.name());
            if (before == null || !before.sameRunsAs(schedule)) {
                schedules.put(schedule);
                changed++;
            }
        }
        for (String name : standing.keySet()) {
            if (!wanted.containsKey(name)) {
                schedules.remove(name);
                changed++;
            }
        }
        return changed;
    }

    private void syncOne(long portfolioId, String owner, DailyRefreshSetting setting) {
        Optional<Schedule> schedule = schedule(portfolioId, owner, setting);
        if (schedule.isPresent()) {
            schedules.put(schedule.get());
        } else {
            schedules.remove(scheduleName(portfolioId));
        }
    }

    private Optional<Schedule> schedule(long portfolioId, String owner, @Nullable DailyRefreshSetting setting) {
        if (!enabled(owner, setting)) {
            return Optional.empty();
        }
        return Optional.of(new Schedule(
                scheduleName(portfolioId),
                defaults.cron(time(setting)),
                defaults.zone().getId(),
                null,
                // everything down at the close and back later that evening: the day's refresh still runs, once
                MissedRuns.RUN_ONCE,
                ScheduledTask.of(
                        TaskType.SCHEDULED_REFRESH,
                        owner,
                        JsonNodeFactory.instance.objectNode().put("portfolio_id", portfolioId)),
                OWNER,
                clock.instant(),
                OWNER));
    }

    private DailyRefreshView view(long portfolioId, String owner, @Nullable DailyRefreshSetting setting) {
        boolean enabled = enabled(owner, setting);
        LocalTime at = time(setting);
        Instant next = enabled
                ? Timing.of(defaults.cron(at), defaults.zone().getId(), null).nextAfter(clock.instant())
                : null;
        return new DailyRefreshView(
                portfolioId,
                enabled,
                setting == null,
                at.toString(),
                defaults.zone().getId(),
                defaults.days(),
                next,
                scheduleName(portfolioId));
    }

    private boolean enabled(String owner, @Nullable DailyRefreshSetting setting) {
        if (!defaults.enabled()) {
            return false;
        }
        return setting != null ? setting.enabled() : defaults.onByDefaultFor().contains(owner);
    }

    private LocalTime time(@Nullable DailyRefreshSetting setting) {
        return setting == null || setting.at() == null ? defaults.at() : setting.at();
    }

    private static @Nullable LocalTime time(@Nullable String at) {
        if (at == null || at.isBlank()) {
            return null;
        }
        try {
            LocalTime time = LocalTime.parse(at.strip());
            if (time.getSecond() == 0 && time.getNano() == 0) {
                return time;
            }
        } catch (DateTimeParseException e) {
            // the problem below says what a time looks like
        }
        throw new InvalidParameterException(
                "at", "must be a time of day as HH:mm, such as 16:30, was '%s'".formatted(at));
    }
}
