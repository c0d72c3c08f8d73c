package com.split.bench;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Made-up tickers and trading days, the same for every run, for the benchmarks that fill split_stocks. */
final class SyntheticMarket {

    private SyntheticMarket() {}

    /** AAAA, AAAB, …: valid symbols, each of which the offline provider gives a series of its own. */
    static List<String> tickers(int count) {
        List<String> tickers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder ticker = new StringBuilder();
            for (int n = i, letter = 0; letter < 4; letter++, n /= 26) {
                ticker.insert(0, (char) ('A' + n % 26));
            }
            tickers.add(ticker.toString());
        }
        return tickers;
    }

    /** Monday to Friday from {@code years} years ago to today (UTC), holidays included. */
    static List<LocalDate> weekdays(int years) {
        LocalDate today = today();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = today.minusYears(years); !day.isAfter(today); day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(day);
            }
        }
        return days;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
