package com.split.tasks.bus.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.support.CronExpression;

/** When a schedule's runs are due: a cron expression in a time zone, or a fixed interval. */
public sealed interface Timing {

    /** The first due time strictly after {@code instant}, or null when there is none (a cron that never matches). */
    @Nullable
    Instant nextAfter(Instant instant);

    /** The last due time at or before {@code instant} and strictly after {@code floor}, or null when there is none. */
    @Nullable
    Instant lastAtOrBefore(Instant instant, Instant floor);

    /** How many due times lie strictly between {@code after} and {@code before}, counting no further than {@code cap}. */
    long countBetween(Instant after, Instant before, long cap);

    /**
     * @param cron a cron expression: five fields as in crontab (minute hour day-of-month month day-of-week), six with
     *     seconds first as Spring reads them, or a macro such as {@code @daily}
     * @param zone the time zone the cron expression is read in; UTC when absent
     * @param every a fixed interval ({@code 15m}, {@code 1h}, {@code PT30S}); due at its whole multiples since the epoch
     * @throws IllegalArgumentException unless exactly one of cron and every is given, and it is valid
     */
    static Timing of(@Nullable String cron, @Nullable String zone, @Nullable String every) {
        if ((cron == null) == (every == null)) {
            throw new IllegalArgumentException("a schedule needs exactly one of cron and every");
        }
        if (every != null) {
            if (zone != null) {
                throw new IllegalArgumentException("zone applies to a cron schedule, not to every");
            }
            return Every.parse(every);
        }
        return Cron.parse(cron, zone);
    }

    /** Due whenever the expression matches, read in {@code zone}. */
    record Cron(CronExpression expression, ZoneId zone) implements Timing {

        /** How far back {@link #lastAtOrBefore} looks in turn: short first, so a frequent cron costs a few steps. */
        private static final List<Duration> LOOKBACKS = List.of(
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                Duration.ofDays(1),
                Duration.ofDays(32),
                Duration.ofDays(367),
                Duration.ofDays(8 * 366));

        static Cron parse(String cron, @Nullable String zone) {
            String text = cron.trim();
            // crontab's five fields run at second 0 of the minute; Spring's own form has six, seconds first
            String spring = text.split("\\s+").length == 5 ? "0 " + text : text;
            CronExpression expression;
            try {
                expression = CronExpression.parse(spring);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cron '%s' is not valid: %s".formatted(cron, e.getMessage()), e);
            }
            ZoneId zoneId;
            try {
                zoneId = zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        "zone '%s' is not a time zone such as America/New_York or UTC".formatted(zone), e);
            }
            Cron timing = new Cron(expression, zoneId);
            if (timing.nextAfter(Instant.now()) == null) {
                throw new IllegalArgumentException("cron '%s' never comes due".formatted(cron));
            }
            return timing;
        }

        @Override
        public @Nullable Instant nextAfter(Instant instant) {
            ZonedDateTime next = expression.next(instant.atZone(zone));
            return next == null ? null : next.toInstant();
        }

        @Override
        public @Nullable Instant lastAtOrBefore(Instant instant, Instant floor) {
            for (Duration lookback : LOOKBACKS) {
                Instant from = instant.minus(lookback);
                if (from.isBefore(floor)) {
                    from = floor;
                }
                Instant last = null;
                for (Instant due = nextAfter(from); due != null && !due.isAfter(instant); due = nextAfter(due)) {
                    last = due;
                }
                if (last != null || from.equals(floor)) {
                    return last;
                }
            }
            return null;
        }

        @Override
        public long countBetween(Instant after, Instant before, long cap) {
            long count = 0;
            for (Instant due = nextAfter(after);
                    due != null && due.isBefore(before) && count < cap;
                    due = nextAfter(due)) {
                count++;
            }
            return count;
        }
    }

    /** Due at every whole multiple of {@code every} since 1970-01-01T00:00Z: an hourly schedule on the hour. */
    record Every(Duration every) implements Timing {

        static Every parse(String every) {
            Duration interval;
            try {
                interval = DurationStyle.detectAndParse(every.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "every '%s' is not a duration such as 30s, 15m, 1h or PT1H".formatted(every), e);
            }
            if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("every must be at least 1s, not '%s'".formatted(every));
            }
            return new Every(interval);
        }

        @Override
        public Instant nextAfter(Instant instant) {
            return Instant.ofEpochMilli((Math.floorDiv(instant.toEpochMilli(), millis()) + 1) * millis());
        }

        @Override
        public @Nullable Instant lastAtOrBefore(Instant instant, Instant floor) {
            Instant last = Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), millis()) * millis());
            return last.isAfter(floor) ? last : null;
        }

        @Override
        public long countBetween(Instant after, Instant before, long cap) {
            long first = Math.floorDiv(after.toEpochMilli(), millis()) + 1;
            long last = Math.ceilDiv(before.toEpochMilli(), millis()) - 1;
            return Math.min(cap, Math.max(0, last - first + 1));
        }

        private long millis() {
            return every.toMillis();
        }
    }
}
