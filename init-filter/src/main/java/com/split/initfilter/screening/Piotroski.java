package com.split.initfilter.screening;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Piotroski's F-score (2002): nine binary signals from two fiscal years, one point each.
 *
 * <p>Piotroski scales ROA, accruals and asset turnover by total assets at the start of the year and leverage by the
 * year's average assets; that needs a third fiscal year, and yahoo-gateway stores two. Here every ratio of a year uses
 * that year's closing total assets, so the two years' ratios compare like with like. Share counts of the earlier year
 * are put in today's shares with the splits between the two year ends. A change smaller than one part in a million
 * (statement rounding) is no change. A signal whose lines are missing (or whose denominator is not positive) is null,
 * and {@code known} counts the others.
 *
 * @param score the signals that hold, 0 to 9
 * @param known the signals that could be computed
 * @param signals each signal by name, null when unknown
 */
public record Piotroski(int score, int known, Map<String, @Nullable Boolean> signals, String reason) {

    public static final List<String> SIGNALS = List.of(
            "roa_positive",
            "cfo_positive",
            "roa_improving",
            "cfo_exceeds_roa",
            "leverage_falling",
            "current_ratio_improving",
            "no_new_shares",
            "gross_margin_improving",
            "asset_turnover_improving");

    private static final double TOLERANCE = 1e-6;

    public Piotroski {
        signals = Collections.unmodifiableMap(new LinkedHashMap<>(signals));
    }

    /**
     * @param splits the splits between the two year ends
     */
    public static Piotroski of(@Nullable FiscalYear latest, @Nullable FiscalYear previous, List<ShareSplit> splits) {
        Map<String, @Nullable Boolean> signals = new LinkedHashMap<>();
        if (latest == null) {
            SIGNALS.forEach(name -> signals.put(name, null));
            return new Piotroski(0, 0, signals, "piotroski: no statements stored");
        }
        @Nullable Double roa = ratio(latest, Line.NET_INCOME, Line.TOTAL_ASSETS);
        @Nullable Double cfoToAssets = ratio(latest, Line.OPERATING_CASH_FLOW, Line.TOTAL_ASSETS);
        signals.put("roa_positive", roa == null ? null : roa > 0);
        @Nullable Double cfo = latest.get(Line.OPERATING_CASH_FLOW);
        signals.put("cfo_positive", cfo == null ? null : cfo > 0);
        signals.put("roa_improving", rose(ratio(previous, Line.NET_INCOME, Line.TOTAL_ASSETS), roa));
        signals.put("cfo_exceeds_roa", roa == null || cfoToAssets == null ? null : exceeds(cfoToAssets, roa));
        signals.put(
                "leverage_falling",
                fell(
                        ratio(previous, Line.LONG_TERM_DEBT, Line.TOTAL_ASSETS),
                        ratio(latest, Line.LONG_TERM_DEBT, Line.TOTAL_ASSETS)));
        signals.put(
                "current_ratio_improving",
                rose(
                        ratio(previous, Line.CURRENT_ASSETS, Line.CURRENT_LIABILITIES),
                        ratio(latest, Line.CURRENT_ASSETS, Line.CURRENT_LIABILITIES)));
        signals.put("no_new_shares", noNewShares(latest, previous, splits));
        signals.put(
                "gross_margin_improving",
                rose(
                        ratio(previous, Line.GROSS_PROFIT, Line.TOTAL_REVENUE),
                        ratio(latest, Line.GROSS_PROFIT, Line.TOTAL_REVENUE)));
        signals.put(
                "asset_turnover_improving",
                rose(
                        ratio(previous, Line.TOTAL_REVENUE, Line.TOTAL_ASSETS),
                        ratio(latest, Line.TOTAL_REVENUE, Line.TOTAL_ASSETS)));

        int score = 0;
        int known = 0;
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, @Nullable Boolean> signal : signals.entrySet()) {
            Boolean holds = signal.getValue();
            if (holds == null) {
                unknown.add(signal.getKey());
            } else {
                known++;
                score += holds ? 1 : 0;
            }
        }
        String reason = "piotroski: F = %d (%d of 9 signals known%s)"
                .formatted(
                        score,
                        known,
                        unknown.isEmpty()
                                ? ""
                                : (previous == null ? "; one fiscal year stored" : "") + "; unknown: "
                                        + String.join(", ", unknown));
        return new Piotroski(score, known, signals, reason);
    }

    /**
     * The earlier year's shares in the later year's shares (after the splits between them) are no fewer than the later
     * year's: no shares were issued. Ordinary shares when both years report them, else diluted average shares.
     */
    private static @Nullable Boolean noNewShares(
            FiscalYear latest, @Nullable FiscalYear previous, List<ShareSplit> splits) {
        if (previous == null) {
            return null;
        }
        for (Line line : List.of(Line.ORDINARY_SHARES_NUMBER, Line.DILUTED_AVERAGE_SHARES)) {
            Double now = latest.get(line);
            Double before = previous.get(line);
            if (now != null && before != null && now > 0 && before > 0) {
                double factor = 1;
                for (ShareSplit split : splits) {
                    factor *= split.factor();
                }
                return !exceeds(now, before * factor);
            }
        }
        return null;
    }

    /**
     * {@code numerator / denominator} of one year, or null when the year or a line is missing or the denominator is
     * not positive.
     */
    private static @Nullable Double ratio(@Nullable FiscalYear year, Line numerator, Line denominator) {
        if (year == null) {
            return null;
        }
        Double top = year.get(numerator);
        Double bottom = year.get(denominator);
        return top == null || bottom == null || bottom <= 0 ? null : top / bottom;
    }

    /** Whether {@code after} is above {@code before} by more than the rounding tolerance; null when either is. */
    private static @Nullable Boolean rose(@Nullable Double before, @Nullable Double after) {
        return before == null || after == null ? null : exceeds(after, before);
    }

    private static @Nullable Boolean fell(@Nullable Double before, @Nullable Double after) {
        return rose(after, before);
    }

    private static boolean exceeds(double a, double b) {
        return a - b > TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }
}
