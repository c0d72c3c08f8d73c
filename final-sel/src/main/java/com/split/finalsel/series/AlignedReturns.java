package com.split.finalsel.series;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Daily log returns of several tickers on the dates they all traded: row {@code t} holds each ticker's return from
 * the previous common date to {@code dates().get(t)}. A date on which one ticker has no bar is left out for all, so a
 * return may span two sessions, the same span for every ticker.
 *
 * @param tickers the columns
 * @param dates the date each row's returns end on
 * @param returns {@code returns[t][i]}: ticker {@code i} on row {@code t}
 */
public record AlignedReturns(List<String> tickers, List<LocalDate> dates, double[][] returns) {

    /** The last {@code window} common returns of the series (fewer when they share fewer dates). */
    public static AlignedReturns of(List<PriceSeries> series, int window) {
        List<String> tickers = series.stream().map(PriceSeries::ticker).toList();
        if (series.isEmpty()) {
            return new AlignedReturns(tickers, List.of(), new double[0][0]);
        }
        // date -> how many series have it; common dates are those all have
        Map<LocalDate, Integer> counts = new HashMap<>();
        for (PriceSeries each : series) {
            for (int i = 0; i < each.size(); i++) {
                counts.merge(each.date(i), 1, Integer::sum);
            }
        }
        PriceSeries first = series.getFirst();
        List<LocalDate> common = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            if (counts.get(first.date(i)) == series.size()) {
                common.add(first.date(i));
            }
        }
        List<LocalDate> kept = common.subList(Math.max(0, common.size() - window - 1), common.size());
        int rows = Math.max(0, kept.size() - 1);
        double[][] returns = new double[rows][series.size()];
        for (int column = 0; column < series.size(); column++) {
            PriceSeries each = series.get(column);
            Map<LocalDate, Double> closes = new HashMap<>();
            for (int i = 0; i < each.size(); i++) {
                closes.put(each.date(i), each.close(i));
            }
            for (int t = 0; t < rows; t++) {
                returns[t][column] = Math.log(closes.get(kept.get(t + 1)) / closes.get(kept.get(t)));
            }
        }
        return new AlignedReturns(tickers, List.copyOf(kept.subList(Math.min(1, kept.size()), kept.size())), returns);
    }

    /** The first ticker whose returns are all the same (a covariance cannot correlate it), if any. */
    public Optional<String> flat() {
        for (int column = 0; column < tickers.size(); column++) {
            boolean varies = false;
            for (int t = 1; t < returns.length && !varies; t++) {
                varies = returns[t][column] != returns[0][column];
            }
            if (!varies) {
                return Optional.of(tickers.get(column));
            }
        }
        return Optional.empty();
    }

    /** How many returns each ticker has. */
    public int observations() {
        return returns.length;
    }
}
