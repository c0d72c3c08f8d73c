package com.split.tasks.bus.schedule;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A recurring task: when it is due ({@link Timing}), what it publishes, and what it does with runs it missed.
 *
 * @param name unique among all schedules; lower-case letters, digits, {@code . _ -}
 * @param cron a cron expression ({@link Timing#of}), or null with {@code every}
 * @param zone the cron expression's time zone, UTC when null
 * @param every a fixed interval, or null with {@code cron}
 * @param missed what to do with runs that came due while no scheduler ran
 * @param task what each run publishes
 * @param owner who manages it: {@value #API_OWNER} for schedules made through event-srv's API, {@code config:<app>}
 *     for those in an application's configuration, a module name for those a module keeps itself (portfolio-mngr's
 *     daily refreshes); only its owner changes it
 * @param updatedAt when it was last defined; no run due before it is published
 * @param updatedBy who defined it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Schedule(
        String name,
        @Nullable String cron,
        @Nullable String zone,
        @Nullable String every,
        MissedRuns missed,
        ScheduledTask task,
        String owner,
        Instant updatedAt,
        @Nullable String updatedBy) {

    public static final String API_OWNER = "api";
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{0,99}";

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    public Schedule {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "schedule name '%s' must be 1 to 100 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
                            .formatted(name));
        }
        if (task == null) {
            throw new IllegalArgumentException("a schedule needs a task");
        }
        if (owner == null || owner.isBlank() || updatedAt == null) {
            throw new IllegalArgumentException("a schedule needs its owner and when it was defined");
        }
        missed = missed == null ? MissedRuns.RUN_ONCE : missed;
        Timing.of(cron, zone, every); // throws for a timing that cannot be
    }

    @JsonIgnore
    public Timing timing() {
        return Timing.of(cron, zone, every);
    }

    /** Whether {@code other} defines the same runs: everything but who defined it and when. */
    public boolean sameRunsAs(Schedule other) {
        return withDefinition(other.updatedAt, other.updatedBy).equals(other);
    }

    /** This schedule as defined at {@code at} by {@code by}. */
    public Schedule withDefinition(Instant at, @Nullable String by) {
        return new Schedule(name, cron, zone, every, missed, task, owner, at, by);
    }

    /** The session of every task it publishes, so that the journal lists its runs ({@code GET /api/tasks?sessionId=}). */
    @JsonIgnore
    public String sessionId() {
        return "schedule." + name;
    }
}
