package com.split.initfilter.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScreenerTests {

    /**
     * ADV$ 100 × 10M = 1e9 (log10 9 → 1), D/E 0.75 (→ 0.75), ROE 0.15 (→ 0.5), ROA 0.075 (→ 0.5), F = 9 (→ 1), Z =
     * 0.36 + 0.42 + 0.495 + 0.6·1000/400 + 1.0 = 3.775 (safe, → 1).
     */
    static TickerInputs good(String ticker, double roe) {
        return new TickerInputs(
                ticker,
                Fixtures.bars(20, 100, 10_000_000),
                Fixtures.statistics("Industrials", 1000, roe, 0.075, 0.75, 150),
                Fixtures.latest(),
                Fixtures.previous(),
                List.of());
    }

    @Test
    void theScoreIsTheWeightedMeanOfTheReferenceRangeSubScores() {
        Screening screening = new Screener(Fixtures.properties())
                .screen(List.of(good("GOOD", 0.15)))
                .getFirst();

        assertThat(screening.method()).isEqualTo(ScoreMethod.REFERENCE_RANGES);
        assertThat(screening.subScores())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        SubScore.LIQUIDITY, 1.0,
                        SubScore.LEVERAGE, 0.75,
                        SubScore.ROE, 0.5,
                        SubScore.ROA, 0.5,
                        SubScore.PIOTROSKI, 1.0,
                        SubScore.ALTMAN, 1.0));
        assertThat(screening.score()).isEqualTo(0.7917); // 4.75 / 6
        assertThat(screening.verdict()).isEqualTo(Verdict.PASS);
        assertThat(screening.passed()).isTrue();
        assertThat(screening.altman().z()).isCloseTo(3.775, within(1e-12));
        assertThat(screening.reasons())
                .containsExactly("piotroski: F = 9 (9 of 9 signals known)", "altman: Z = 3.78, safe > 2.99");
    }

    @Test
    void weightsChangeOnlyTheMean() {
        Screener screener = new Screener(Fixtures.properties("weights.liquidity", "0", "weights.piotroski", "3"));

        Screening screening = screener.screen(List.of(good("GOOD", 0.15))).getFirst();

        // (0·1 + 0.75 + 0.5 + 0.5 + 3·1 + 1) / 7
        assertThat(screening.score()).isEqualTo(0.8214);
        assertThat(screening.subScores()).containsEntry(SubScore.LIQUIDITY, 1.0);
    }

    @Test
    void aTickerWithNoDataIsUnknownNotFailedAndScoresNeutral() {
        Screening ghost = new Screener(Fixtures.properties())
                .screen(List.of(TickerInputs.none("GHOST")))
                .getFirst();

        assertThat(ghost.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(ghost.passed()).isNull();
        assertThat(ghost.gates()).extracting(GateResult::verdict).containsOnly(Verdict.UNKNOWN);
        assertThat(ghost.subScores().values()).containsOnly(0.5);
        assertThat(ghost.score()).isEqualTo(0.5);
        assertThat(ghost.reasons())
                .containsExactly(
                        "price: no bars stored",
                        "liquidity: ADV$ unknown (no bars stored)",
                        "leverage: no fundamentals stored",
                        "profitability: no fundamentals stored",
                        "piotroski: no statements stored",
                        "altman: no statements stored");
        assertThat(ghost.reasonsJson()).containsEntry("passed", null);
    }

    @Test
    void unknownMetricsScoreTheConfiguredNeutralValue() {
        TickerInputs pricesOnly =
                new TickerInputs("ETF", Fixtures.bars(20, 100, 10_000_000), null, null, null, List.of());

        Screening screening = new Screener(Fixtures.properties("neutral-score", "0.4"))
                .screen(List.of(pricesOnly))
                .getFirst();

        assertThat(screening.verdict()).as("no gate failed and two passed").isEqualTo(Verdict.PASS);
        assertThat(screening.subScores()).containsEntry(SubScore.LIQUIDITY, 1.0).containsEntry(SubScore.ROE, 0.4);
        assertThat(screening.score()).isEqualTo(0.5); // (1 + 5 × 0.4) / 6
    }

    @Test
    void aFailedGateFailsTheTickerAndItsReasonComesFirst() {
        TickerInputs penny = new TickerInputs(
                "PENNY",
                Fixtures.bars(20, 3, 100_000_000),
                Fixtures.statistics("Financial Services", 1000, 0.15, 0.075, 9, 150),
                null,
                null,
                List.of());

        Screening screening =
                new Screener(Fixtures.properties()).screen(List.of(penny)).getFirst();

        assertThat(screening.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(screening.passed()).isFalse();
        assertThat(screening.reasons())
                .containsExactly(
                        "price: last close 3 < 5",
                        "leverage: exempt (Financial Services)",
                        "piotroski: no statements stored",
                        "altman: not applied to Financial Services");
        assertThat(screening.subScores())
                .as("an exempt leverage scores neutral")
                .containsEntry(SubScore.LEVERAGE, 0.5);
    }

    @Test
    void negativeEquityScoresTheWorstLeverage() {
        TickerInputs negative = new TickerInputs(
                "NEG",
                Fixtures.bars(20, 100, 10_000_000),
                Fixtures.statistics("Industrials", 1000, 0.15, 0.075, -2, 150),
                null,
                null,
                List.of());

        assertThat(new Screener(Fixtures.properties())
                        .screen(List.of(negative))
                        .getFirst()
                        .subScores())
                .containsEntry(SubScore.LEVERAGE, 0.0);
    }

    @Test
    void aLargeUniverseIsScoredByRobustZAgainstItself() {
        List<TickerInputs> universe = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            universe.add(good("T" + i, i / 100.0));
        }

        List<Screening> screenings = new Screener(Fixtures.properties()).screen(universe);

        // ROE 0.01 … 0.30: median 0.155, MAD 0.075, scale 0.111195; z(0.30) = 0.145 / 0.111195 = 1.3040
        assertThat(screenings)
                .allSatisfy(screening -> assertThat(screening.method()).isEqualTo(ScoreMethod.ROBUST_Z));
        assertThat(screenings.getLast().subScores().get(SubScore.ROE)).isEqualTo(0.7173);
        assertThat(screenings.getFirst().subScores().get(SubScore.ROE)).isEqualTo(0.2827);
        assertThat(screenings.getLast().subScores())
                .as("every other metric is the same for all: no spread, z 0")
                .containsEntry(SubScore.LIQUIDITY, 0.5)
                .containsEntry(SubScore.PIOTROSKI, 0.5);
        assertThat(screenings.getLast().reasonsJson()).containsEntry("score_method", "robust_z");

        List<Screening> small = new Screener(Fixtures.properties()).screen(universe.subList(0, 29));
        assertThat(small.getLast().method()).isEqualTo(ScoreMethod.REFERENCE_RANGES);
        assertThat(small.getLast().subScores()).containsEntry(SubScore.ROE, 0.9667); // 0.29 / 0.30
    }

    @Test
    void theMinimumUniverseIsASetting() {
        Screener screener = new Screener(Fixtures.properties("cross-sectional-min-universe", "3"));

        assertThat(screener.method(2)).isEqualTo(ScoreMethod.REFERENCE_RANGES);
        assertThat(screener.method(3)).isEqualTo(ScoreMethod.ROBUST_Z);
        assertThat(new Screener(Fixtures.properties()).method(29)).isEqualTo(ScoreMethod.REFERENCE_RANGES);
    }

    @Test
    void reasonsJsonHasTheLayoutFinalSelReads() {
        Map<String, Object> json = new Screener(Fixtures.properties())
                .screen(List.of(good("GOOD", 0.15)))
                .getFirst()
                .reasonsJson();

        assertThat(json)
                .containsOnlyKeys(
                        "version",
                        "passed",
                        "gates",
                        "piotroski",
                        "altman",
                        "metrics",
                        "sub_scores",
                        "score",
                        "score_method",
                        "inputs",
                        "reasons")
                .containsEntry("version", 1)
                .containsEntry("passed", true)
                .containsEntry("score_method", "reference_ranges");
        assertThat(map(json, "gates")).containsOnlyKeys("price_floor", "liquidity", "leverage", "profitability");
        assertThat(map(map(json, "gates"), "liquidity"))
                .containsExactly(
                        entry("verdict", "pass"),
                        entry("value", 1e9),
                        entry("bound", 5e6),
                        entry("days", 20),
                        entry("source", "bars"),
                        entry("reason", "liquidity: ADV$ 20d = 1e9 ≥ 5e6"));
        assertThat(map(json, "piotroski"))
                .containsEntry("score", 9)
                .containsEntry("signals_known", 9)
                .containsKeys("signals", "reason");
        assertThat(map(json, "altman"))
                .containsEntry("z", 3.775)
                .containsEntry("model", "z")
                .containsEntry("zone", "safe");
        assertThat(map(json, "metrics"))
                .containsEntry("close", 100.0)
                .containsEntry("adv_dollar", 1e9)
                .containsEntry("debt_to_equity", 0.75)
                .containsEntry("roe", 0.15)
                .containsEntry("roa", 0.075);
        assertThat(map(json, "sub_scores")).containsEntry("leverage", 0.75).containsEntry("altman", 1.0);
        assertThat(map(json, "inputs"))
                .containsEntry("sector", "Industrials")
                .containsEntry("bars", 20)
                .containsEntry("bars_through", "2026-11-25")
                .containsEntry("fiscal_years", List.of("2025-12-31", "2024-12-31"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> json, String key) {
        return (Map<String, Object>) json.get(key);
    }
}
