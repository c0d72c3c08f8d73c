package com.split.finalsel.series;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** One ticker's adjusted closes on its trading days, oldest first. Immutable. */
public final class PriceSeries {

    private final String ticker;
    private final LocalDate[] dates;
    private final double[] closes;

    public PriceSeries(String ticker, List<LocalDate> dates, double[] closes) {
        if (dates.size() != closes.length) {
            throw new IllegalArgumentException(
                    "%s: %d dates for %d closes".formatted(ticker, dates.size(), closes.length));
        }
        for (int i = 1; i < closes.length; i++) {
            if (!dates.get(i).isAfter(dates.get(i - 1))) {
                throw new IllegalArgumentException(
                        ticker + ": dates must rise, " + dates.get(i) + " follows " + dates.get(i - 1));
            }
        }
        this.ticker = ticker;
        this.dates = dates.toArray(LocalDate[]::new);
        this.closes = closes.clone();
    }

    public String ticker() {
        return ticker;
    }

    public int size() {
        return closes.length;
    }

    public LocalDate date(int index) {
        return dates[index];
    }

    public double close(int index) {
        return closes[index];
    }

    /** A copy of the closes, oldest first. */
    public double[] closes() {
        return closes.clone();
    }

    /** The last {@code count} bars (all of them when there are fewer). */
    public PriceSeries last(int count) {
        int from = Math.max(0, closes.length - count);
        return new PriceSeries(
                ticker,
                Arrays.asList(dates).subList(from, dates.length),
                Arrays.copyOfRange(closes, from, closes.length));
    }
}
