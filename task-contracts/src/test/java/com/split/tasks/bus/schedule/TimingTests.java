package com.split.tasks.bus.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimingTests {

    /** After the US close on weekdays, read in New York: 21:30 UTC in winter, 20:30 in summer. */
    private final Timing afterTheClose = Timing.of("30 16 * * MON-FRI", "America/New_York", null);

    @Test
    void aCrontabExpressionIsReadInItsZone() {
        assertThat(afterTheClose.nextAfter(Instant.parse("2026-12-07T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-07T21:30:00Z"));
        assertThat(afterTheClose.nextAfter(Instant.parse("2026-07-07T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-07-07T20:30:00Z"));
        // Friday evening: Monday's
        assertThat(afterTheClose.nextAfter(Instant.parse("2026-12-11T22:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-14T21:30:00Z"));
    }

    @Test
    void theLastDueTimeIsFoundFarBackAndNotAtOrBeforeTheFloor() {
        Instant monday = Instant.parse("2026-12-14T12:00:00Z");
        assertThat(afterTheClose.lastAtOrBefore(monday, Instant.EPOCH))
                .isEqualTo(Instant.parse("2026-12-11T21:30:00Z"));
        assertThat(afterTheClose.lastAtOrBefore(monday, Instant.parse("2026-12-11T21:30:00Z")))
                .isNull();
        Timing yearly = Timing.of("0 0 0 1 1 *", null, null);
        assertThat(yearly.lastAtOrBefore(Instant.parse("2026-12-07T00:00:00Z"), Instant.EPOCH))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void dueTimesBetweenTwoInstantsAreCountedUpToTheCap() {
        // a week of weekdays, between two of them: the four in the middle
        assertThat(afterTheClose.countBetween(
                        Instant.parse("2026-12-07T21:30:00Z"), Instant.parse("2026-12-14T21:30:00Z"), 100))
                .isEqualTo(4);
        assertThat(afterTheClose.countBetween(
                        Instant.parse("2026-12-07T21:30:00Z"), Instant.parse("2026-12-14T21:30:00Z"), 2))
                .isEqualTo(2);
        Timing hourly = Timing.of(null, null, "1h");
        assertThat(hourly.countBetween(
                        Instant.parse("2026-12-07T05:00:00Z"), Instant.parse("2026-12-07T10:00:00Z"), 100))
                .isEqualTo(4);
        assertThat(hourly.countBetween(
                        Instant.parse("2026-12-07T05:30:00Z"), Instant.parse("2026-12-07T06:00:00Z"), 100))
                .isZero();
    }

    @Test
    void anIntervalIsDueAtItsMultiplesSinceTheEpoch() {
        Timing quarterly = Timing.of(null, null, "15m");
        assertThat(quarterly.nextAfter(Instant.parse("2026-12-07T10:14:59Z")))
                .isEqualTo(Instant.parse("2026-12-07T10:15:00Z"));
        assertThat(quarterly.nextAfter(Instant.parse("2026-12-07T10:15:00Z")))
                .isEqualTo(Instant.parse("2026-12-07T10:30:00Z"));
        assertThat(quarterly.lastAtOrBefore(Instant.parse("2026-12-07T10:29:00Z"), Instant.EPOCH))
                .isEqualTo(Instant.parse("2026-12-07T10:15:00Z"));
    }

    @Test
    void aTimingThatCannotBeIsRefusedWithWhatIsWrong() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Timing.of(null, null, null))
                .withMessageContaining("exactly one");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Timing.of("* * * * *", null, "1h"))
                .withMessageContaining("exactly one");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Timing.of("61 * * * *", null, null))
                .withMessageContaining("cron '61 * * * *'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Timing.of("0 0 * * *", "Mars/Olympus", null))
                .withMessageContaining("zone");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Timing.of(null, null, "soon"))
                .withMessageContaining("every 'soon'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Timing.of(null, null, "500ms"))
                .withMessageContaining("at least 1s");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Timing.of(null, "UTC", "1h"))
                .withMessageContaining("zone applies");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Timing.of("0 0 0 30 2 *", null, null))
                .withMessageContaining("never");
    }
}
