package com.split.finalsel.scoring;

import com.split.finalsel.Formats;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Buy / Hold / Sell from the composite score, the vetoes and the previous decision for the same user and ticker.
 *
 * <ul>
 *   <li>a veto makes a Sell, whatever the score;
 *   <li>a previous Buy stays Buy while the score is at least {@code buy - band}, a previous Sell stays Sell while it
 *       is at most {@code sell + band}: a name does not flip on noise around a threshold;
 *   <li>otherwise Buy at or above {@code buy}, Sell at or below {@code sell}, Hold between.
 * </ul>
 *
 * Needs {@code band < buy - sell}, so that the two held zones never overlap.
 */
public record DecisionRule(double buy, double sell, double band) {

    public DecisionRule {
        if (!(sell < buy) || !(band >= 0 && band < buy - sell)) {
            throw new IllegalArgumentException(
                    "needs sell < buy and 0 <= band < buy - sell, was buy %s, sell %s, band %s"
                            .formatted(buy, sell, band));
        }
    }

    /** A decision with the rule that made it, in one line. */
    public record Ruling(Decision decision, String rule) {}

    public Ruling decide(double score, List<String> vetoes, @Nullable Decision previous) {
        String value = f(score);
        if (!vetoes.isEmpty()) {
            return new Ruling(Decision.SELL, "veto: " + String.join("; ", vetoes));
        }
        if (previous == Decision.BUY && score < buy && score >= buy - band) {
            return new Ruling(
                    Decision.BUY,
                    "held BUY: score %s >= %s (buy %s - band %s)".formatted(value, f(buy - band), f(buy), f(band)));
        }
        if (previous == Decision.SELL && score > sell && score <= sell + band) {
            return new Ruling(
                    Decision.SELL,
                    "held SELL: score %s <= %s (sell %s + band %s)".formatted(value, f(sell + band), f(sell), f(band)));
        }
        if (score >= buy) {
            return new Ruling(Decision.BUY, "score %s >= buy %s".formatted(value, f(buy)));
        }
        if (score <= sell) {
            return new Ruling(Decision.SELL, "score %s <= sell %s".formatted(value, f(sell)));
        }
        return new Ruling(Decision.HOLD, "score %s between sell %s and buy %s".formatted(value, f(sell), f(buy)));
    }

    private static String f(double value) {
        return Formats.decimal(value, 2);
    }
}
