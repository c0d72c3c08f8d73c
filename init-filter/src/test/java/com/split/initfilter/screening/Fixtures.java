package com.split.initfilter.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Hand-made inputs: properties as a service binds them, statements of a company whose every signal improves. */
public final class Fixtures {

    public static final LocalDate LATEST_END = LocalDate.of(2025, 12, 31);
    public static final LocalDate PREVIOUS_END = LocalDate.of(2024, 12, 31);

    private Fixtures() {}

    /** {@code split.filter.*} with its defaults, overridden by {@code properties} ("cross-sectional-min-universe"…). */
    public static FilterProperties properties(String... properties) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put("split.filter." + properties[i], properties[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("split.filter", FilterProperties.class);
    }

    /**
     * The earlier year of the improving company: ROA 0.05, CFO/TA 0.08, LTD/TA 0.3, current ratio 2, 100 shares, gross
     * margin 0.4, asset turnover 0.8.
     */
    public static Map<Line, Double> previousLines() {
        Map<Line, Double> lines = new EnumMap<>(Line.class);
        lines.put(Line.TOTAL_ASSETS, 1000.0);
        lines.put(Line.NET_INCOME, 50.0);
        lines.put(Line.OPERATING_CASH_FLOW, 80.0);
        lines.put(Line.LONG_TERM_DEBT, 300.0);
        lines.put(Line.CURRENT_ASSETS, 400.0);
        lines.put(Line.CURRENT_LIABILITIES, 200.0);
        lines.put(Line.ORDINARY_SHARES_NUMBER, 100.0);
        lines.put(Line.DILUTED_AVERAGE_SHARES, 101.0);
        lines.put(Line.TOTAL_REVENUE, 800.0);
        lines.put(Line.GROSS_PROFIT, 320.0);
        return lines;
    }

    /**
     * The later year: ROA 0.1, CFO/TA 0.15, LTD/TA 0.2, current ratio 2.5, 100 shares, gross margin 0.45, turnover
     * 1.0; for Altman: TL 400, WC 300, RE 300, EBIT 150, equity 600, sales 1000.
     */
    public static Map<Line, Double> latestLines() {
        Map<Line, Double> lines = new EnumMap<>(Line.class);
        lines.put(Line.TOTAL_ASSETS, 1000.0);
        lines.put(Line.NET_INCOME, 100.0);
        lines.put(Line.OPERATING_CASH_FLOW, 150.0);
        lines.put(Line.LONG_TERM_DEBT, 200.0);
        lines.put(Line.CURRENT_ASSETS, 500.0);
        lines.put(Line.CURRENT_LIABILITIES, 200.0);
        lines.put(Line.ORDINARY_SHARES_NUMBER, 100.0);
        lines.put(Line.DILUTED_AVERAGE_SHARES, 101.0);
        lines.put(Line.TOTAL_REVENUE, 1000.0);
        lines.put(Line.GROSS_PROFIT, 450.0);
        lines.put(Line.TOTAL_LIABILITIES, 400.0);
        lines.put(Line.WORKING_CAPITAL, 300.0);
        lines.put(Line.RETAINED_EARNINGS, 300.0);
        lines.put(Line.EBIT, 150.0);
        lines.put(Line.STOCKHOLDERS_EQUITY, 600.0);
        return lines;
    }

    static FiscalYear latest() {
        return new FiscalYear(LATEST_END, latestLines());
    }

    static FiscalYear previous() {
        return new FiscalYear(PREVIOUS_END, previousLines());
    }

    /** {@code count} bars at one close and volume, ending 2026-11-25. */
    static List<Bar> bars(int count, double close, long volume) {
        List<Bar> bars = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            bars.add(new Bar(LocalDate.of(2026, 11, 25).minusDays(i), close, volume));
        }
        return bars;
    }

    static KeyStatistics statistics(
            String sector, double marketCap, double roe, double roa, double debtToEquity, double cashFlow) {
        return new KeyStatistics(LocalDate.of(2026, 11, 25), sector, marketCap, roe, roa, debtToEquity, cashFlow, 1e6);
    }
}
