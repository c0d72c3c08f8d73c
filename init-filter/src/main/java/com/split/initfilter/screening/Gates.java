package com.split.initfilter.screening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The hard gates. Each judges what is known: missing data is {@link Verdict#UNKNOWN} with a reason, never a failure.
 */
public final class Gates {

    private Gates() {}

    /** Every gate of one ticker, in {@link Gate} order. */
    public static List<GateResult> judge(TickerInputs inputs, DollarVolume dollarVolume, FilterProperties properties) {
        @Nullable
        Double close = inputs.bars().isEmpty() ? null : inputs.bars().getLast().close();
        GateResult price = priceFloor(close, properties.priceFloor());
        GateResult liquidity = liquidity(dollarVolume, properties.liquidity().minDollarVolume());
        double maxDebtToEquity = properties.leverage().maxDebtToEquity();
        KeyStatistics statistics = inputs.statistics();
        if (statistics == null) {
            return List.of(
                    price,
                    liquidity,
                    new GateResult(
                            Gate.LEVERAGE,
                            Verdict.UNKNOWN,
                            values(null, maxDebtToEquity),
                            "leverage: no fundamentals stored"),
                    new GateResult(
                            Gate.PROFITABILITY,
                            Verdict.UNKNOWN,
                            profitabilityValues(null, null, null),
                            "profitability: no fundamentals stored"));
        }
        return List.of(
                price,
                liquidity,
                leverage(
                        statistics.debtToEquity(),
                        statistics.sector(),
                        properties.exempt(statistics.sector()),
                        maxDebtToEquity),
                profitability(
                        statistics.returnOnEquity(),
                        statistics.returnOnAssets(),
                        statistics.operatingCashFlow(),
                        properties.profitability()));
    }

    /** The last close must be at least the floor. */
    public static GateResult priceFloor(@Nullable Double close, double floor) {
        Map<String, @Nullable Object> values = values(close, floor);
        if (close == null) {
            return new GateResult(Gate.PRICE_FLOOR, Verdict.UNKNOWN, values, "price: no bars stored");
        }
        boolean pass = close >= floor;
        return new GateResult(
                Gate.PRICE_FLOOR,
                pass ? Verdict.PASS : Verdict.FAIL,
                values,
                "price: last close %s %s %s".formatted(Numbers.text(close), pass ? "≥" : "<", Numbers.text(floor)));
    }

    /** The average daily dollar volume must be at least the bound. */
    public static GateResult liquidity(DollarVolume dollarVolume, double minDollarVolume) {
        Map<String, @Nullable Object> values = values(dollarVolume.value(), minDollarVolume);
        values.put("days", dollarVolume.days());
        values.put("source", dollarVolume.source());
        Double value = dollarVolume.value();
        if (value == null) {
            return new GateResult(
                    Gate.LIQUIDITY,
                    Verdict.UNKNOWN,
                    values,
                    "liquidity: ADV$ unknown (%s)".formatted(dollarVolume.note()));
        }
        boolean pass = value >= minDollarVolume;
        return new GateResult(
                Gate.LIQUIDITY,
                pass ? Verdict.PASS : Verdict.FAIL,
                values,
                "liquidity: ADV$ %s = %s %s %s"
                        .formatted(
                                dollarVolume.note(),
                                Numbers.text(value),
                                pass ? "≥" : "<",
                                Numbers.text(minDollarVolume)));
    }

    /**
     * Debt/equity must not exceed the cap, except in an exempt sector (a bank's deposits are its debt). A negative
     * ratio means negative equity, which fails.
     */
    public static GateResult leverage(
            @Nullable Double debtToEquity, @Nullable String sector, boolean exempt, double maxDebtToEquity) {
        Map<String, @Nullable Object> values = values(debtToEquity, maxDebtToEquity);
        if (exempt) {
            return new GateResult(Gate.LEVERAGE, Verdict.EXEMPT, values, "leverage: exempt (%s)".formatted(sector));
        }
        if (debtToEquity == null) {
            return new GateResult(Gate.LEVERAGE, Verdict.UNKNOWN, values, "leverage: D/E unknown");
        }
        String ratio = Numbers.text(debtToEquity);
        if (debtToEquity < 0) {
            return new GateResult(
                    Gate.LEVERAGE, Verdict.FAIL, values, "leverage: D/E %s < 0 (negative equity)".formatted(ratio));
        }
        boolean pass = debtToEquity <= maxDebtToEquity;
        return new GateResult(
                Gate.LEVERAGE,
                pass ? Verdict.PASS : Verdict.FAIL,
                values,
                "leverage: D/E %s %s %s".formatted(ratio, pass ? "≤" : ">", Numbers.text(maxDebtToEquity)));
    }

    /**
     * ROE, ROA and operating cash flow must each exceed their minimum (0 by default). Any one failing fails the
     * gate; it passes when all three are known and pass, and is unknown otherwise.
     */
    public static GateResult profitability(
            @Nullable Double roe,
            @Nullable Double roa,
            @Nullable Double operatingCashFlow,
            FilterProperties.Profitability bounds) {
        Map<String, @Nullable Object> values = profitabilityValues(roe, roa, operatingCashFlow);
        List<String> parts = new ArrayList<>();
        Verdict[] verdicts = {
            above("ROE", roe, bounds.minRoe(), parts),
            above("ROA", roa, bounds.minRoa(), parts),
            above("OCF", operatingCashFlow, bounds.minOperatingCashFlow(), parts)
        };
        List<Verdict> all = List.of(verdicts);
        Verdict verdict = all.contains(Verdict.FAIL)
                ? Verdict.FAIL
                : all.contains(Verdict.UNKNOWN) ? Verdict.UNKNOWN : Verdict.PASS;
        return new GateResult(Gate.PROFITABILITY, verdict, values, "profitability: " + String.join(", ", parts));
    }

    private static Verdict above(String name, @Nullable Double value, double min, List<String> parts) {
        if (value == null) {
            parts.add(name + " unknown");
            return Verdict.UNKNOWN;
        }
        boolean pass = value > min;
        parts.add("%s %s %s %s".formatted(name, Numbers.text(value), pass ? ">" : "≤", Numbers.text(min)));
        return pass ? Verdict.PASS : Verdict.FAIL;
    }

    private static Map<String, @Nullable Object> profitabilityValues(
            @Nullable Double roe, @Nullable Double roa, @Nullable Double operatingCashFlow) {
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        values.put("roe", roe);
        values.put("roa", roa);
        values.put("operating_cash_flow", operatingCashFlow);
        return values;
    }

    private static Map<String, @Nullable Object> values(@Nullable Double value, double bound) {
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        values.put("value", value);
        values.put("bound", bound);
        return values;
    }
}
