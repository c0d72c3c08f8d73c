package com.split.finalsel.selection;

import com.split.finalsel.portfolio.WeightingMethod;
import com.split.finalsel.scoring.Decision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one selection of a session came to.
 *
 * @param written false when the inputs had not changed and the stored result was kept (NO_DATA)
 * @param recommendations one per ticker of the task, in its order
 * @param weighting how the Buy set was weighted
 * @param weighingNanos time spent weighting the Buy set (0 when nothing was weighted)
 */
public record SelectionRun(
        boolean written, List<Recommendation> recommendations, WeightingSummary weighting, long weighingNanos) {

    /**
     * How the Buy set was weighted, as every row of the session records it.
     *
     * @param observations daily returns the covariance came from
     * @param shrinkage the Ledoit-Wolf intensity, null when no covariance was estimated
     * @param unallocated the share the cap could not place
     */
    public record WeightingSummary(
            WeightingMethod method,
            String reason,
            int observations,
            @Nullable Double shrinkage,
            double unallocated) {}

    public SelectionRun {
        recommendations = List.copyOf(recommendations);
    }

    public long count(Decision decision) {
        return recommendations.stream().filter(r -> r.decision() == decision).count();
    }

    /**
     * The outcome's details, as the contract fixes them: {@code {"tickers", "buy", "hold", "sell", "weighting",
     * "recommendations": [...]}}.
     */
    public Map<String, Object> details() {
        Map<String, Object> details = counts();
        details.put(
                "recommendations",
                recommendations.stream().map(Recommendation::toMap).toList());
        return details;
    }

    /** The session's figures for {@code task_business_result}: the counts and how the weighting went. */
    Map<String, @Nullable Object> figures() {
        Map<String, @Nullable Object> figures = new LinkedHashMap<>(counts());
        figures.put("weighting_reason", weighting.reason());
        figures.put("observations", weighting.observations());
        figures.put("shrinkage", weighting.shrinkage());
        figures.put("unallocated", weighting.unallocated());
        figures.put("written", written);
        return figures;
    }

    private Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("tickers", recommendations.size());
        counts.put("buy", count(Decision.BUY));
        counts.put("hold", count(Decision.HOLD));
        counts.put("sell", count(Decision.SELL));
        counts.put("weighting", weighting.method().wireName());
        return counts;
    }
}
