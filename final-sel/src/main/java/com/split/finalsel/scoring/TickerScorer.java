package com.split.finalsel.scoring;

import com.split.finalsel.Formats;
import com.split.finalsel.SelectionProperties;
import com.split.finalsel.series.Returns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Scores a ticker that passed the initial filter: four sub-scores, each mapped from its reference range in
 * {@link SelectionProperties}, a neutral 0.5 with the reason where an input is unknown, and their weighted mean.
 *
 * <ul>
 *   <li>quality: Piotroski F (scaled to nine signals when init-filter knew fewer) and ROE, their mean;
 *   <li>value: earnings yield, 1 / trailing P/E; negative earnings (a P/E at or below 0, or none with a negative
 *       profit margin) score 0, an unknown P/E otherwise is neutral;
 *   <li>momentum: the 12-1 return, from t-252 to t-21 trading days;
 *   <li>risk: the annualized volatility of the last 60 daily log returns, inverted (calmer scores higher).
 * </ul>
 *
 * Thread-safe.
 */
public final class TickerScorer {

    private static final int PIOTROSKI_SIGNALS = 9;

    private final SelectionProperties properties;
    private final ReferenceRange piotroski;
    private final ReferenceRange roe;
    private final ReferenceRange earningsYield;
    private final ReferenceRange momentumReturn;
    private final ReferenceRange volatility;

    public TickerScorer(SelectionProperties properties) {
        this.properties = properties;
        SelectionProperties.Quality quality = properties.quality();
        this.piotroski = new ReferenceRange(quality.piotroskiLow(), quality.piotroskiHigh());
        this.roe = new ReferenceRange(quality.roeLow(), quality.roeHigh());
        this.earningsYield = new ReferenceRange(
                properties.value().earningsYieldLow(), properties.value().earningsYieldHigh());
        this.momentumReturn = new ReferenceRange(
                properties.momentum().returnLow(), properties.momentum().returnHigh());
        this.volatility = new ReferenceRange(
                properties.risk().volatilityLow(), properties.risk().volatilityHigh());
    }

    public Assessment assess(TickerInputs inputs) {
        double[] closes =
                inputs.prices() == null ? new double[0] : inputs.prices().closes();
        OptionalDouble vol =
                Returns.annualizedVolatility(closes, properties.risk().lookback(), properties.tradingDaysPerYear());
        SubScore quality = quality(inputs.filter(), inputs.fundamentals());
        SubScore value = value(inputs.fundamentals());
        SubScore momentum = momentum(closes);
        SubScore risk = risk(vol, closes.length);
        SelectionProperties.Weights weights = properties.weights();
        double composite = (weights.quality() * quality.score()
                        + weights.value() * value.score()
                        + weights.momentum() * momentum.score()
                        + weights.risk() * risk.score())
                / (weights.quality() + weights.value() + weights.momentum() + weights.risk());
        return new Assessment(
                inputs.ticker(),
                quality,
                value,
                momentum,
                risk,
                round(composite),
                vetoes(inputs.filter()),
                vol.isPresent() ? vol.getAsDouble() : null);
    }

    SubScore quality(FilterVerdict filter, @Nullable StockFundamentals fundamentals) {
        Integer f = filter.piotroski();
        int known = filter.piotroskiKnown();
        Double returnOnEquity = fundamentals == null ? null : fundamentals.returnOnEquity();
        Map<String, @Nullable Object> inputs = new LinkedHashMap<>();
        inputs.put("piotroski", f);
        inputs.put("piotroski_signals_known", known);
        inputs.put("roe", returnOnEquity);
        List<Double> parts = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        if (f != null && known > 0) {
            double onNine = f * (double) PIOTROSKI_SIGNALS / known;
            parts.add(piotroski.score(onNine));
            reasons.add(
                    known == PIOTROSKI_SIGNALS
                            ? "Piotroski F %d/9".formatted(f)
                            : "Piotroski F %d of %d known signals (%s on 9)"
                                    .formatted(f, known, Formats.decimal(onNine, 1)));
        } else {
            reasons.add("Piotroski F unknown");
        }
        if (returnOnEquity != null) {
            parts.add(roe.score(returnOnEquity));
            reasons.add("ROE " + Formats.percent(returnOnEquity));
        } else {
            reasons.add("ROE unknown");
        }
        if (parts.isEmpty()) {
            return SubScore.neutral(String.join(", ", reasons), inputs);
        }
        double score = parts.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new SubScore(round(score), true, String.join(", ", reasons), inputs);
    }

    SubScore value(@Nullable StockFundamentals fundamentals) {
        Map<String, @Nullable Object> inputs = new LinkedHashMap<>();
        Double pe = fundamentals == null ? null : fundamentals.trailingPe();
        inputs.put("trailing_pe", pe);
        inputs.put("earnings_yield", pe != null && pe > 0 ? 1 / pe : null);
        if (fundamentals == null) {
            return SubScore.neutral("no fundamentals", inputs);
        }
        if (pe != null && pe > 0) {
            return new SubScore(
                    round(earningsYield.score(1 / pe)),
                    true,
                    "earnings yield %s (P/E %s)".formatted(Formats.percent(1 / pe), Formats.decimal(pe, 1)),
                    inputs);
        }
        if (pe != null) {
            return new SubScore(0, true, "negative earnings (P/E %s)".formatted(Formats.decimal(pe, 1)), inputs);
        }
        Double margin = fundamentals.profitMargin();
        Double returnOnEquity = fundamentals.returnOnEquity();
        if (margin != null ? margin < 0 : returnOnEquity != null && returnOnEquity < 0) {
            return new SubScore(
                    0,
                    true,
                    margin != null
                            ? "negative earnings (no P/E, profit margin %s)".formatted(Formats.percent(margin))
                            : "negative earnings (no P/E, ROE %s)".formatted(Formats.percent(returnOnEquity)),
                    inputs);
        }
        return SubScore.neutral("trailing P/E unknown", inputs);
    }

    SubScore momentum(double[] closes) {
        int lookback = properties.momentum().lookback();
        int skip = properties.momentum().skip();
        OptionalDouble momentum = Returns.momentum(closes, lookback, skip);
        Map<String, @Nullable Object> inputs = new LinkedHashMap<>();
        inputs.put("return", momentum.isPresent() ? momentum.getAsDouble() : null);
        String name = "momentum t-%d..t-%d".formatted(lookback, skip);
        if (momentum.isEmpty()) {
            return SubScore.neutral("%s needs %d closes, has %d".formatted(name, lookback + 1, closes.length), inputs);
        }
        return new SubScore(
                round(momentumReturn.score(momentum.getAsDouble())),
                true,
                name + " " + Formats.percent(momentum.getAsDouble()),
                inputs);
    }

    SubScore risk(OptionalDouble vol, int closes) {
        int lookback = properties.risk().lookback();
        Map<String, @Nullable Object> inputs = new LinkedHashMap<>();
        inputs.put("volatility", vol.isPresent() ? vol.getAsDouble() : null);
        if (vol.isEmpty()) {
            return SubScore.neutral(
                    "%d-day volatility needs %d positive closes, has %d".formatted(lookback, lookback + 1, closes),
                    inputs);
        }
        return new SubScore(
                round(volatility.inverted(vol.getAsDouble())),
                true,
                "%d-day volatility %s a year".formatted(lookback, Formats.percent(vol.getAsDouble())),
                inputs);
    }

    List<String> vetoes(FilterVerdict filter) {
        SelectionProperties.Veto veto = properties.veto();
        List<String> vetoes = new ArrayList<>();
        if (veto.altmanDistress() && "distress".equals(filter.altmanZone())) {
            vetoes.add(
                    filter.altmanZ() == null
                            ? "Altman distress zone"
                            : "Altman Z %s in the distress zone".formatted(Formats.decimal(filter.altmanZ(), 2)));
        }
        Integer f = filter.piotroski();
        // F stays at or below the bound even if every signal init-filter could not evaluate were positive
        if (veto.maxPiotroski() >= 0
                && f != null
                && f + (PIOTROSKI_SIGNALS - filter.piotroskiKnown()) <= veto.maxPiotroski()) {
            vetoes.add("Piotroski F %d/%d <= %d".formatted(f, filter.piotroskiKnown(), veto.maxPiotroski()));
        }
        if (veto.liquidityFail() && "fail".equals(filter.liquidityVerdict())) {
            vetoes.add(
                    filter.liquidityReason() == null
                            ? "liquidity gate failed"
                            : "liquidity gate failed: " + filter.liquidityReason());
        }
        return vetoes;
    }

    static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
