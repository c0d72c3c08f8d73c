package com.split.finalsel.selection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code initial_filtration.reasons_json} as init-filter writes it (version 1 of the cross-module contract), for the
 * stand-in rows of the benchmark and the tests: the parts final-sel reads are set, the rest has plausible values.
 */
public final class FilterReasons {

    private boolean passed = true;
    private @Nullable Integer piotroski = 7;
    private int signalsKnown = 9;
    private @Nullable Double altmanZ = 3.4;
    private String altmanZone = "safe";
    private String liquidity = "pass";
    private String liquidityReason = "ADV$ 20d = 1.2e9 >= 5e6";
    private final List<String> reasons = new ArrayList<>();

    public static FilterReasons passing() {
        return new FilterReasons();
    }

    public static FilterReasons failing(String... reasons) {
        FilterReasons json = new FilterReasons();
        json.passed = false;
        json.reasons.addAll(List.of(reasons));
        return json;
    }

    public FilterReasons piotroski(@Nullable Integer score, int known) {
        this.piotroski = score;
        this.signalsKnown = known;
        return this;
    }

    public FilterReasons altman(@Nullable Double z, String zone) {
        this.altmanZ = z;
        this.altmanZone = zone;
        return this;
    }

    public FilterReasons liquidity(String verdict, String reason) {
        this.liquidity = verdict;
        this.liquidityReason = reason;
        return this;
    }

    public boolean passed() {
        return passed;
    }

    public String json() {
        Map<String, @Nullable Object> gates = new LinkedHashMap<>();
        gates.put("price_floor", gate("pass", 187.2, 5.0, "close 187.2 >= 5"));
        Map<String, @Nullable Object> liquidityGate = gate(liquidity, 1.2e9, 5.0e6, liquidityReason);
        liquidityGate.put("days", 20);
        liquidityGate.put("source", "bars");
        gates.put("liquidity", liquidityGate);
        gates.put("leverage", gate("pass", 1.69, 2.0, "debt/equity 1.69 <= 2"));
        gates.put("profitability", gate("pass", null, null, "ROE 30%"));
        Map<String, @Nullable Object> piotroskiJson = new LinkedHashMap<>();
        piotroskiJson.put("score", piotroski);
        piotroskiJson.put("signals_known", signalsKnown);
        piotroskiJson.put("signals", Map.of("roa_positive", true));
        piotroskiJson.put("reason", "F " + piotroski);
        Map<String, @Nullable Object> altman = new LinkedHashMap<>();
        altman.put("z", altmanZ);
        altman.put("model", "z");
        altman.put("zone", altmanZone);
        altman.put("reason", "Z " + altmanZ);
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("passed", passed);
        json.put("gates", gates);
        json.put("piotroski", piotroskiJson);
        json.put("altman", altman);
        json.put("metrics", Map.of("close", 187.2, "roe", 0.3));
        json.put("sub_scores", Map.of("liquidity", 0.9, "piotroski", 0.78));
        json.put("score_method", "reference_ranges");
        json.put("reasons", reasons);
        return JsonMapper.shared().writeValueAsString(json);
    }

    private static Map<String, @Nullable Object> gate(
            String verdict, @Nullable Double value, @Nullable Double bound, String reason) {
        Map<String, @Nullable Object> gate = new LinkedHashMap<>();
        gate.put("verdict", verdict);
        gate.put("value", value);
        gate.put("bound", bound);
        gate.put("reason", reason);
        return gate;
    }
}
