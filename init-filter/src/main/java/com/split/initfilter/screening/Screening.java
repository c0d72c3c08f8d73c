package com.split.initfilter.screening;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One ticker's result: the gates, the F-score, the Altman flag and the normalized score, with the reasons.
 *
 * @param verdict {@code FAIL} when a gate failed, {@code PASS} when none failed and one passed, {@code UNKNOWN} when
 *     no gate could be judged (nothing stored): unknown is not failed
 * @param score the normalized score in [0, 1], rounded to four decimals
 * @param subScores every sub-score, rounded to four decimals; neutral where the metric is unknown
 * @param reasons failed, unknown and exempt gates first (the reasons a user needs), then the F-score and the Altman
 *     flag; passing gates keep their reasons under {@code gates}
 */
public record Screening(
        TickerInputs inputs,
        Verdict verdict,
        double score,
        ScoreMethod method,
        DollarVolume dollarVolume,
        List<GateResult> gates,
        Piotroski piotroski,
        Altman altman,
        Map<SubScore, Double> subScores,
        List<String> reasons) {

    /** The version of the {@code reasons_json} layout, and of the rules that fill it. */
    public static final int VERSION = 1;

    public Screening {
        gates = List.copyOf(gates);
        subScores = Collections.unmodifiableMap(new EnumMap<>(subScores));
        reasons = List.copyOf(reasons);
    }

    public String ticker() {
        return inputs.ticker();
    }

    /** {@code true}, {@code false}, or null when unknown: the {@code passed} column and JSON field. */
    public @Nullable Boolean passed() {
        return switch (verdict) {
            case PASS -> true;
            case FAIL -> false;
            default -> null;
        };
    }

    /** The ticker's entry in the task's details: {@code {"passed", "score", "reasons"}}. */
    public Map<String, @Nullable Object> summary() {
        Map<String, @Nullable Object> summary = new LinkedHashMap<>();
        summary.put("passed", passed());
        summary.put("score", score);
        summary.put("reasons", reasons);
        return summary;
    }

    /** The {@code reasons_json} document, in the layout final-sel reads. */
    public Map<String, @Nullable Object> reasonsJson() {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        json.put("version", VERSION);
        json.put("passed", passed());
        Map<String, @Nullable Object> gateJson = new LinkedHashMap<>();
        gates.forEach(gate -> gateJson.put(gate.gate().wireName(), gate.json()));
        json.put("gates", gateJson);

        Map<String, @Nullable Object> piotroskiJson = new LinkedHashMap<>();
        piotroskiJson.put("score", piotroski.known() == 0 ? null : piotroski.score());
        piotroskiJson.put("signals_known", piotroski.known());
        piotroskiJson.put("signals", piotroski.signals());
        piotroskiJson.put("reason", piotroski.reason());
        json.put("piotroski", piotroskiJson);

        Map<String, @Nullable Object> altmanJson = new LinkedHashMap<>();
        altmanJson.put("z", altman.z() == null ? null : Numbers.round4(altman.z()));
        altmanJson.put("model", altman.model().wireName());
        altmanJson.put("zone", altman.zone().wireName());
        altmanJson.put("reason", altman.reason());
        json.put("altman", altmanJson);

        KeyStatistics statistics = inputs.statistics();
        Map<String, @Nullable Object> metrics = new LinkedHashMap<>();
        metrics.put(
                "close",
                inputs.bars().isEmpty() ? null : inputs.bars().getLast().close());
        metrics.put("adv_dollar", dollarVolume.value());
        metrics.put("debt_to_equity", statistics == null ? null : statistics.debtToEquity());
        metrics.put("roe", statistics == null ? null : statistics.returnOnEquity());
        metrics.put("roa", statistics == null ? null : statistics.returnOnAssets());
        metrics.put("operating_cash_flow", statistics == null ? null : statistics.operatingCashFlow());
        metrics.put("market_cap", statistics == null ? null : statistics.marketCap());
        metrics.put("average_volume", statistics == null ? null : statistics.averageVolume());
        json.put("metrics", metrics);

        Map<String, Double> sub = new LinkedHashMap<>();
        subScores.forEach((name, value) -> sub.put(name.wireName(), value));
        json.put("sub_scores", sub);
        json.put("score", score);
        json.put("score_method", method.wireName());

        Map<String, @Nullable Object> sources = new LinkedHashMap<>();
        sources.put("sector", inputs.sector());
        sources.put("bars", inputs.bars().size());
        sources.put(
                "bars_through",
                inputs.bars().isEmpty() ? null : text(inputs.bars().getLast().date()));
        sources.put("fundamentals_as_of", statistics == null ? null : text(statistics.asOf()));
        sources.put(
                "fiscal_years",
                Stream.of(inputs.latest(), inputs.previous())
                        .filter(Objects::nonNull)
                        .map(year -> text(year.periodEnd()))
                        .toList());
        json.put("inputs", sources);
        json.put("reasons", reasons);
        return json;
    }

    private static String text(LocalDate date) {
        return date.toString();
    }
}
