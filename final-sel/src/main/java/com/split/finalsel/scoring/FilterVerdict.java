package com.split.finalsel.scoring;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What final-sel reads of a ticker's {@code initial_filtration} row: the verdict, and from {@code reasons_json}
 * (version 1, written by init-filter) Piotroski F, the Altman zone, the liquidity gate and the reasons. A value the
 * JSON does not hold is unknown, never a failure.
 *
 * @param normalizedScore init-filter's score in [0, 1]
 * @param piotroski F, the positive signals among those known; null when unknown
 * @param piotroskiKnown how many of the nine signals init-filter could evaluate
 * @param altmanZone {@code safe}, {@code grey}, {@code distress} or {@code unknown}
 * @param liquidityVerdict {@code pass}, {@code fail} or {@code unknown}
 * @param reasons init-filter's reasons, in its words
 */
public record FilterVerdict(
        boolean passed,
        @Nullable Double normalizedScore,
        @Nullable Integer piotroski,
        int piotroskiKnown,
        String altmanZone,
        @Nullable Double altmanZ,
        String liquidityVerdict,
        @Nullable String liquidityReason,
        List<String> reasons) {

    public FilterVerdict {
        reasons = List.copyOf(reasons);
    }

    /** Reads a row; unreadable JSON leaves everything it would have said unknown. */
    public static FilterVerdict of(boolean passed, @Nullable Double normalizedScore, @Nullable String reasonsJson) {
        JsonNode json;
        try {
            json = reasonsJson == null
                    ? JsonMapper.shared().missingNode()
                    : JsonMapper.shared().readTree(reasonsJson);
        } catch (JacksonException ex) {
            json = JsonMapper.shared().missingNode();
        }
        JsonNode piotroski = json.path("piotroski");
        JsonNode altman = json.path("altman");
        JsonNode liquidity = json.path("gates").path("liquidity");
        List<String> reasons = new ArrayList<>();
        for (JsonNode reason : json.path("reasons").values()) {
            if (reason.isString()) {
                reasons.add(reason.stringValue());
            }
        }
        Double score = number(piotroski.path("score"));
        Double known = number(piotroski.path("signals_known"));
        return new FilterVerdict(
                passed,
                normalizedScore,
                score == null ? null : (int) Math.round(score),
                known == null ? (score == null ? 0 : 9) : (int) Math.round(known),
                text(altman.path("zone"), "unknown"),
                number(altman.path("z")),
                text(liquidity.path("verdict"), "unknown"),
                liquidity.path("reason").isString() ? liquidity.path("reason").stringValue() : null,
                reasons);
    }

    /** Why the ticker did not pass, in one line: init-filter's reasons, else a plain statement. */
    public String failure() {
        return reasons.isEmpty() ? "did not pass the initial filter" : String.join("; ", reasons);
    }

    private static @Nullable Double number(JsonNode node) {
        return node.isNumber() ? node.doubleValue() : null;
    }

    private static String text(JsonNode node, String unknown) {
        return node.isString() ? node.stringValue() : unknown;
    }
}
