package com.split.yahoo.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarketCalendarTests {

    final MarketCalendar newYork = new MarketCalendar(ZoneId.of("America/New_York"), LocalTime.of(16, 0));

    @ParameterizedTest
    @CsvSource({
        "2026-11-25T20:59:59Z, 2026-11-24", // Wednesday 15:59 in New York: Tuesday is the last closed session
        "2026-11-25T21:00:00Z, 2026-11-25", // 16:00: Wednesday's bar is final
        "2026-11-28T15:00:00Z, 2026-11-27", // Saturday: Friday
        "2026-11-30T14:30:00Z, 2026-11-27", // Monday at the open: Friday
        "2026-11-26T02:00:00Z, 2026-11-25" // 21:00 on Wednesday in New York, Thursday in UTC
    })
    void knowsTheLastClosedSession(Instant now, LocalDate session) {
        assertThat(newYork.lastClosedSession(now)).isEqualTo(session);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-23, 2026-11-29, 5",
        "2026-11-28, 2026-11-29, 0",
        "2026-11-27, 2026-11-30, 2",
        "2024-11-25," + " 2026-11-25, 523"
    })
    void countsWeekdays(LocalDate from, LocalDate to, long count) {
        assertThat(TradingDays.count(from, to)).isEqualTo(count);
        assertThat(from.datesUntil(to.plusDays(1))
                        .filter(TradingDays::isTradingDay)
                        .count())
                .isEqualTo(count);
    }
}
