package com.split.initfilter.screening;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One gate's verdict with its reason.
 *
 * @param values what the verdict was judged on, as {@code reasons_json} names them ({@code value}, {@code bound}, …);
 *     null is unknown
 */
public record GateResult(Gate gate, Verdict verdict, Map<String, @Nullable Object> values, String reason) {

    public GateResult {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** {@code {"verdict": …, <values>, "reason": …}}, the gate's entry in {@code reasons_json.gates}. */
    Map<String, @Nullable Object> json() {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        json.put("verdict", verdict.wireName());
        json.putAll(values);
        json.put("reason", reason);
        return json;
    }
}
