package com.split.yahoo.market;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The exchange calendar SPLit assumes: Monday to Friday. Exchange holidays are not modelled. */
public final class TradingDays {

    private TradingDays() {}

    public static boolean isTradingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    /** The first trading day on or after {@code date}. */
    public static LocalDate onOrAfter(LocalDate date) {
        LocalDate day = date;
        while (!isTradingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** The last trading day before {@code date}. */
    public static LocalDate before(LocalDate date) {
        LocalDate day = date.minusDays(1);
        while (!isTradingDay(day)) {
            day = day.minusDays(1);
        }
        return day;
    }

    /** The trading days from {@code from} to {@code to}, both inclusive; 0 when {@code to} is before {@code from}. */
    public static long count(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return 0;
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        long weeks = days / 7;
        long count = weeks * 5;
        for (LocalDate day = from.plusDays(weeks * 7); !day.isAfter(to); day = day.plusDays(1)) {
            if (isTradingDay(day)) {
                count++;
            }
        }
        return count;
    }
}
