package com.split.yahoo.market;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Which session's bars are final at a given moment, for the exchange the tickers trade on.
 *
 * @param zone the exchange's time zone
 * @param close when its regular session ends, local time
 */
public record MarketCalendar(ZoneId zone, LocalTime close) {

    /** The exchange-local date at {@code now}: the date of a bar still forming. */
    public LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, zone);
    }

    /** The latest session that had closed at {@code now}: until then, its bar may still change. */
    public LocalDate lastClosedSession(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate date = local.toLocalDate();
        return TradingDays.isTradingDay(date) && !local.toLocalTime().isBefore(close) ? date : TradingDays.before(date);
    }
}
