package com.split.finalsel.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionRuleTests {

    static final DecisionRule RULE = new DecisionRule(0.60, 0.40, 0.05);

    static Decision decide(double score, Decision previous) {
        return RULE.decide(score, List.of(), previous).decision();
    }

    @Test
    void buyAtOrAboveTheBuyThresholdSellAtOrBelowTheSellThresholdHoldBetween() {
        assertThat(decide(0.60, null)).isEqualTo(Decision.BUY);
        assertThat(decide(0.85, null)).isEqualTo(Decision.BUY);
        assertThat(decide(0.59, null)).isEqualTo(Decision.HOLD);
        assertThat(decide(0.41, null)).isEqualTo(Decision.HOLD);
        assertThat(decide(0.40, null)).isEqualTo(Decision.SELL);
        assertThat(decide(0.05, null)).isEqualTo(Decision.SELL);
        assertThat(RULE.decide(0.64, List.of(), null).rule()).isEqualTo("score 0.64 >= buy 0.60");
    }

    @Test
    void aVetoSellsWhateverTheScoreAndThePreviousDecision() {
        DecisionRule.Ruling ruling = RULE.decide(0.95, List.of("Altman Z 1.20 in the distress zone"), Decision.BUY);
        assertThat(ruling.decision()).isEqualTo(Decision.SELL);
        assertThat(ruling.rule()).isEqualTo("veto: Altman Z 1.20 in the distress zone");
    }

    @Test
    void aPreviousBuyStaysBuyUntilTheScoreFallsBelowBuyLessTheBand() {
        assertThat(decide(0.57, Decision.BUY)).isEqualTo(Decision.BUY);
        assertThat(decide(0.55, Decision.BUY)).isEqualTo(Decision.BUY);
        assertThat(decide(0.54, Decision.BUY)).isEqualTo(Decision.HOLD);
        assertThat(decide(0.30, Decision.BUY)).isEqualTo(Decision.SELL);
        assertThat(decide(0.57, Decision.HOLD)).as("only a Buy is held").isEqualTo(Decision.HOLD);
        assertThat(decide(0.57, null)).isEqualTo(Decision.HOLD);
        assertThat(RULE.decide(0.57, List.of(), Decision.BUY).rule())
                .isEqualTo("held BUY: score 0.57 >= 0.55 (buy 0.60 - band 0.05)");
    }

    @Test
    void aPreviousSellStaysSellUntilTheScoreRisesAboveSellPlusTheBand() {
        assertThat(decide(0.43, Decision.SELL)).isEqualTo(Decision.SELL);
        assertThat(decide(0.45, Decision.SELL)).isEqualTo(Decision.SELL);
        assertThat(decide(0.46, Decision.SELL)).isEqualTo(Decision.HOLD);
        assertThat(decide(0.70, Decision.SELL)).isEqualTo(Decision.BUY);
        assertThat(decide(0.43, Decision.HOLD)).isEqualTo(Decision.HOLD);
        assertThat(RULE.decide(0.43, List.of(), Decision.SELL).rule())
                .isEqualTo("held SELL: score 0.43 <= 0.45 (sell 0.40 + band 0.05)");
    }

    @Test
    void theHeldZonesMayNotOverlap() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DecisionRule(0.6, 0.4, 0.2));
        assertThatIllegalArgumentException().isThrownBy(() -> new DecisionRule(0.4, 0.6, 0));
    }
}
