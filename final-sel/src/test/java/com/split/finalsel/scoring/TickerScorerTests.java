package com.split.finalsel.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.split.finalsel.TestProperties;
import com.split.finalsel.fixtures.FilterReasons;
import com.split.finalsel.series.PriceSeries;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TickerScorerTests {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);

    final TickerScorer scorer = new TickerScorer(TestProperties.defaults());

    static FilterVerdict verdict(FilterReasons reasons) {
        return FilterVerdict.of(reasons.passed(), 0.7, reasons.json());
    }

    static StockFundamentals fundamentals(@Nullable Double pe, @Nullable Double roe, @Nullable Double margin) {
        return new StockFundamentals(AS_OF, pe, roe, margin);
    }

    static PriceSeries series(double[] closes) {
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            dates.add(AS_OF.minusDays(closes.length - 1 - i));
        }
        return new PriceSeries("T", dates, closes);
    }

    /**
     * 253 closes: 100 at t-252 rising to 110 at t-61, then daily log returns alternating +d, -d: an even number of them
     * up to t-21 (110 again: 12-1 momentum +10%), and the last 60 (the volatility window) balanced, mean 0.
     */
    static double[] closes(double dailyMove) {
        double[] closes = new double[253];
        for (int i = 0; i <= 191; i++) {
            closes[i] = 100 * Math.pow(1.1, i / 191.0);
        }
        for (int i = 192; i < 253; i++) {
            closes[i] = closes[i - 1] * Math.exp(((i - 192) % 2 == 0 ? 1 : -1) * dailyMove);
        }
        return closes;
    }

    @Test
    void earningsYieldIsTheInverseOfTheTrailingPe() {
        // P/E 25 is a 4% yield: (0.04 - 0.02) / (0.10 - 0.02)
        SubScore value = scorer.value(fundamentals(25.0, 0.2, 0.1));
        assertThat(value.score()).isCloseTo(0.25, within(1e-9));
        assertThat(value.known()).isTrue();
        assertThat(value.reason()).isEqualTo("earnings yield 4.0% (P/E 25.0)");
        assertThat(value.inputs()).containsEntry("earnings_yield", 0.04);
        assertThat(scorer.value(fundamentals(10.0, null, null)).score()).isEqualTo(1);
        assertThat(scorer.value(fundamentals(80.0, null, null)).score()).isZero();
    }

    @Test
    void negativeEarningsScoreZero() {
        assertThat(scorer.value(fundamentals(-12.0, 0.1, 0.1))).satisfies(value -> {
            assertThat(value.score()).isZero();
            assertThat(value.reason()).isEqualTo("negative earnings (P/E -12.0)");
        });
        // Yahoo sends no trailing P/E when earnings are negative: the profit margin tells
        assertThat(scorer.value(fundamentals(null, 0.1, -0.05))).satisfies(value -> {
            assertThat(value.score()).isZero();
            assertThat(value.known()).isTrue();
            assertThat(value.reason()).isEqualTo("negative earnings (no P/E, profit margin -5.0%)");
        });
        assertThat(scorer.value(fundamentals(null, -0.2, null)).score()).isZero();
    }

    @Test
    void anUnknownEarningsYieldIsNeutralWithItsReason() {
        assertThat(scorer.value(fundamentals(null, 0.1, 0.05)))
                .isEqualTo(new SubScore(
                        0.5,
                        false,
                        "trailing P/E unknown: neutral 0.5",
                        mapOf("trailing_pe", null, "earnings_yield", null)));
        assertThat(scorer.value(null).reason()).isEqualTo("no fundamentals: neutral 0.5");
    }

    @Test
    void qualityIsTheMeanOfPiotroskiAndRoe() {
        // F 7: (7 - 2) / (8 - 2) = 0.833333; ROE 15%: 0.15 / 0.25 = 0.6
        SubScore quality =
                scorer.quality(verdict(FilterReasons.passing().piotroski(7, 9)), fundamentals(20.0, 0.15, 0.1));
        assertThat(quality.score()).isCloseTo((5 / 6.0 + 0.6) / 2, within(1e-6));
        assertThat(quality.reason()).isEqualTo("Piotroski F 7/9, ROE 15.0%");

        // F 6 of 8 known signals counts as 6.75 on 9: (6.75 - 2) / 6
        SubScore scaled = scorer.quality(verdict(FilterReasons.passing().piotroski(6, 8)), null);
        assertThat(scaled.score()).isCloseTo(4.75 / 6, within(1e-6));
        assertThat(scaled.reason()).isEqualTo("Piotroski F 6 of 8 known signals (6.8 on 9), ROE unknown");

        SubScore unknown = scorer.quality(verdict(FilterReasons.passing().piotroski(null, 0)), null);
        assertThat(unknown.score()).isEqualTo(0.5);
        assertThat(unknown.known()).isFalse();
        assertThat(unknown.reason()).isEqualTo("Piotroski F unknown, ROE unknown: neutral 0.5");
    }

    @Test
    void momentumAndRiskComeFromTheCloses() {
        double[] closes = closes(0.01);
        SubScore momentum = scorer.momentum(closes);
        // +10% over [-20%, +40%]
        assertThat(momentum.score()).isCloseTo(0.5, within(1e-6));
        assertThat(momentum.reason()).isEqualTo("momentum t-252..t-21 10.0%");

        Assessment assessment = scorer.assess(
                new TickerInputs("T", verdict(FilterReasons.passing()), fundamentals(25.0, 0.15, 0.1), series(closes)));
        // 60 returns of ±0.01: sample variance 60e-4 / 59
        assertThat(assessment.volatility()).isCloseTo(0.01 * Math.sqrt(60.0 / 59 * 252), within(1e-12));
        assertThat(assessment.risk().score()).isCloseTo(1 - (assessment.volatility() - 0.15) / 0.45, within(1e-6));
    }

    @Test
    void missingPricesAreNeutralWithTheirReasons() {
        Assessment assessment = scorer.assess(
                new TickerInputs("T", verdict(FilterReasons.passing()), fundamentals(25.0, 0.15, 0.1), null));

        assertThat(assessment.momentum().score()).isEqualTo(0.5);
        assertThat(assessment.momentum().reason())
                .isEqualTo("momentum t-252..t-21 needs 253 closes, has 0: neutral 0.5");
        assertThat(assessment.risk().reason())
                .isEqualTo("60-day volatility needs 61 positive closes, has 0: neutral 0.5");
        assertThat(assessment.volatility()).isNull();
    }

    @Test
    void theCompositeIsTheWeightedMeanOfTheSubScores() {
        Assessment assessment = scorer.assess(new TickerInputs(
                "T",
                verdict(FilterReasons.passing().piotroski(8, 9)),
                fundamentals(12.5, 0.25, 0.2),
                series(closes(0.01))));

        double expected = 0.30 * assessment.quality().score()
                + 0.25 * assessment.value().score()
                + 0.25 * assessment.momentum().score()
                + 0.20 * assessment.risk().score();
        assertThat(assessment.quality().score()).isEqualTo(1);
        assertThat(assessment.value().score()).isCloseTo(0.75, within(1e-6)); // 8%
        assertThat(assessment.composite()).isCloseTo(expected, within(1e-6)).isBetween(0.0, 1.0);
        assertThat(assessment.vetoes()).isEmpty();

        TickerScorer valueOnly = new TickerScorer(TestProperties.with(Map.of(
                "split.selection.weights.quality", "0",
                "split.selection.weights.momentum", "0",
                "split.selection.weights.risk", "0")));
        assertThat(valueOnly
                        .assess(new TickerInputs(
                                "T", verdict(FilterReasons.passing()), fundamentals(12.5, 0.25, 0.2), null))
                        .composite())
                .isCloseTo(0.75, within(1e-6));
    }

    @Test
    void eachVetoFiresFromTheFiltersReasons() {
        assertThat(scorer.vetoes(verdict(FilterReasons.passing().altman(1.2, "distress"))))
                .containsExactly("Altman Z 1.20 in the distress zone");
        assertThat(scorer.vetoes(verdict(FilterReasons.passing().altman(2.2, "grey"))))
                .isEmpty();
        assertThat(scorer.vetoes(verdict(FilterReasons.passing().piotroski(2, 9))))
                .containsExactly("Piotroski F 2/9 <= 2");
        assertThat(scorer.vetoes(verdict(FilterReasons.passing().piotroski(3, 9))))
                .isEmpty();
        assertThat(scorer.vetoes(verdict(FilterReasons.passing().piotroski(1, 7))))
                .as("two unknown signals could still lift F to 3")
                .isEmpty();
        assertThat(scorer.vetoes(verdict(FilterReasons.passing().liquidity("fail", "ADV$ 20d = 1.2e6 < 5e6"))))
                .containsExactly("liquidity gate failed: ADV$ 20d = 1.2e6 < 5e6");
        assertThat(scorer.vetoes(verdict(FilterReasons.passing().liquidity("unknown", "no bars"))))
                .isEmpty();
    }

    @Test
    void vetoesCanBeTurnedOff() {
        TickerScorer lenient = new TickerScorer(TestProperties.with(Map.of(
                "split.selection.veto.altman-distress", "false",
                "split.selection.veto.max-piotroski", "-1",
                "split.selection.veto.liquidity-fail", "false")));
        assertThat(lenient.vetoes(verdict(FilterReasons.passing()
                        .altman(1.0, "distress")
                        .piotroski(0, 9)
                        .liquidity("fail", "thin"))))
                .isEmpty();
    }

    static Map<String, @Nullable Object> mapOf(String k1, @Nullable Object v1, String k2, @Nullable Object v2) {
        Map<String, @Nullable Object> map = new java.util.LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
