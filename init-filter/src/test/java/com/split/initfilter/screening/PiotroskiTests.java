package com.split.initfilter.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The improving company of {@link Fixtures} holds every signal; each test below breaks or hides one and checks the
 * whole signal map against the hand-computed one.
 */
class PiotroskiTests {

    static Piotroski of(Map<Line, Double> latest, Map<Line, Double> previous, ShareSplit... splits) {
        return Piotroski.of(
                new FiscalYear(Fixtures.LATEST_END, latest),
                new FiscalYear(Fixtures.PREVIOUS_END, previous),
                List.of(splits));
    }

    static Map<String, Boolean> allHold() {
        Map<String, Boolean> signals = new LinkedHashMap<>();
        Piotroski.SIGNALS.forEach(name -> signals.put(name, true));
        return signals;
    }

    @Test
    void anImprovingCompanyHoldsAllNineSignals() {
        Piotroski score = of(Fixtures.latestLines(), Fixtures.previousLines());

        assertThat(score.signals()).containsExactlyEntriesOf(allHold());
        assertThat(score.score()).isEqualTo(9);
        assertThat(score.known()).isEqualTo(9);
        assertThat(score.reason()).isEqualTo("piotroski: F = 9 (9 of 9 signals known)");
    }

    @Test
    void theSameYearsTheOtherWayRoundHoldOnlyTheLevelSignals() {
        // ROA 0.05 > 0, CFO 80 > 0, CFO/TA 0.08 > ROA 0.05, shares 100 → 100; every change goes the wrong way.
        Piotroski score = of(Fixtures.previousLines(), Fixtures.latestLines());

        assertThat(score.signals())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "roa_positive", true,
                        "cfo_positive", true,
                        "roa_improving", false,
                        "cfo_exceeds_roa", true,
                        "leverage_falling", false,
                        "current_ratio_improving", false,
                        "no_new_shares", true,
                        "gross_margin_improving", false,
                        "asset_turnover_improving", false));
        assertThat(score.score()).isEqualTo(4);
    }

    @Test
    void lossesAndNegativeCashFlowFailTheProfitabilitySignals() {
        Map<Line, Double> latest = Fixtures.latestLines();
        latest.put(Line.NET_INCOME, -50.0); // ROA -0.05: not positive, below last year's 0.05
        latest.put(Line.OPERATING_CASH_FLOW, -20.0); // CFO/TA -0.02 is still above ROA -0.05

        Piotroski score = of(latest, Fixtures.previousLines());

        assertThat(score.signals())
                .containsEntry("roa_positive", false)
                .containsEntry("cfo_positive", false)
                .containsEntry("roa_improving", false)
                .containsEntry("cfo_exceeds_roa", true);
        assertThat(score.score()).isEqualTo(6);
    }

    @Test
    void earningsAboveCashFlowFailTheAccrualSignal() {
        Map<Line, Double> latest = Fixtures.latestLines();
        latest.put(Line.OPERATING_CASH_FLOW, 90.0); // CFO/TA 0.09 < ROA 0.1

        Map<String, Boolean> expected = allHold();
        expected.put("cfo_exceeds_roa", false);
        assertThat(of(latest, Fixtures.previousLines()).signals()).containsExactlyEntriesOf(expected);
    }

    @Test
    void moreLongTermDebtPerAssetFailsTheLeverageSignal() {
        Map<Line, Double> latest = Fixtures.latestLines();
        latest.put(Line.LONG_TERM_DEBT, 310.0); // 0.31 > 0.30

        Map<String, Boolean> expected = allHold();
        expected.put("leverage_falling", false);
        assertThat(of(latest, Fixtures.previousLines()).signals()).containsExactlyEntriesOf(expected);
    }

    @Test
    void anUnchangedRatioIsNoImprovementEvenThroughStatementRounding() {
        Map<Line, Double> latest = Fixtures.latestLines();
        latest.put(Line.TOTAL_ASSETS, 2000.0);
        latest.put(Line.LONG_TERM_DEBT, 600.0000001); // 0.30000000005 against 0.3: rounding, not a change

        assertThat(of(latest, Fixtures.previousLines()).signals()).containsEntry("leverage_falling", false);
    }

    @Test
    void aLowerCurrentRatioFailsItsSignal() {
        Map<Line, Double> latest = Fixtures.latestLines();
        latest.put(Line.CURRENT_LIABILITIES, 260.0); // 500 / 260 = 1.92 < 2

        Map<String, Boolean> expected = allHold();
        expected.put("current_ratio_improving", false);
        assertThat(of(latest, Fixtures.previousLines()).signals()).containsExactlyEntriesOf(expected);
    }

    @Test
    void issuedSharesFailTheDilutionSignalButSplitsDoNot() {
        Map<Line, Double> issued = Fixtures.latestLines();
        issued.put(Line.ORDINARY_SHARES_NUMBER, 110.0);
        assertThat(of(issued, Fixtures.previousLines()).signals()).containsEntry("no_new_shares", false);

        Map<Line, Double> split = Fixtures.latestLines();
        split.put(Line.ORDINARY_SHARES_NUMBER, 200.0);
        ShareSplit twoForOne = new ShareSplit(LocalDate.of(2025, 6, 2), 2, 1);
        assertThat(of(split, Fixtures.previousLines(), twoForOne).signals()).containsEntry("no_new_shares", true);

        split.put(Line.ORDINARY_SHARES_NUMBER, 210.0);
        assertThat(of(split, Fixtures.previousLines(), twoForOne).signals()).containsEntry("no_new_shares", false);
    }

    @Test
    void dilutedSharesStandInWhenOrdinarySharesAreNotReported() {
        Map<Line, Double> latest = Fixtures.latestLines();
        Map<Line, Double> previous = Fixtures.previousLines();
        latest.remove(Line.ORDINARY_SHARES_NUMBER);
        previous.remove(Line.ORDINARY_SHARES_NUMBER);
        latest.put(Line.DILUTED_AVERAGE_SHARES, 106.0); // 101 → 106

        assertThat(of(latest, previous).signals()).containsEntry("no_new_shares", false);
    }

    @Test
    void aLowerGrossMarginFailsItsSignal() {
        Map<Line, Double> latest = Fixtures.latestLines();
        latest.put(Line.GROSS_PROFIT, 390.0); // 0.39 < 0.40

        Map<String, Boolean> expected = allHold();
        expected.put("gross_margin_improving", false);
        assertThat(of(latest, Fixtures.previousLines()).signals()).containsExactlyEntriesOf(expected);
    }

    @Test
    void aLowerAssetTurnoverFailsItsSignal() {
        Map<Line, Double> latest = Fixtures.latestLines();
        latest.put(Line.TOTAL_ASSETS, 1300.0); // turnover 1000/1300 = 0.77 < 0.8; ROA 0.077 still > 0.05
        latest.put(Line.LONG_TERM_DEBT, 260.0); // 0.2 again
        latest.put(Line.OPERATING_CASH_FLOW, 195.0); // 0.15 again

        Map<String, Boolean> expected = allHold();
        expected.put("asset_turnover_improving", false);
        assertThat(of(latest, Fixtures.previousLines()).signals()).containsExactlyEntriesOf(expected);
    }

    @Test
    void aMissingLineMakesItsSignalsUnknownAndTheOthersCount() {
        Map<Line, Double> previous = Fixtures.previousLines();
        previous.remove(Line.LONG_TERM_DEBT);
        previous.remove(Line.GROSS_PROFIT);

        Piotroski score = of(Fixtures.latestLines(), previous);

        assertThat(score.signals())
                .containsEntry("leverage_falling", null)
                .containsEntry("gross_margin_improving", null);
        assertThat(score.score()).isEqualTo(7);
        assertThat(score.known()).isEqualTo(7);
        assertThat(score.reason())
                .isEqualTo(
                        "piotroski: F = 7 (7 of 9 signals known; unknown: leverage_falling, gross_margin_improving)");
    }

    @Test
    void oneFiscalYearGivesOnlyTheLevelSignals() {
        Piotroski score = Piotroski.of(Fixtures.latest(), null, List.of());

        assertThat(score.known()).isEqualTo(3);
        assertThat(score.score()).isEqualTo(3);
        assertThat(score.signals())
                .containsEntry("roa_positive", true)
                .containsEntry("cfo_positive", true)
                .containsEntry("cfo_exceeds_roa", true)
                .containsEntry("roa_improving", null)
                .containsEntry("no_new_shares", null);
        assertThat(score.reason()).startsWith("piotroski: F = 3 (3 of 9 signals known; one fiscal year stored;");
    }

    @Test
    void noStatementsLeaveEverySignalUnknown() {
        Piotroski score = Piotroski.of(null, null, List.of());

        assertThat(score.known()).isZero();
        assertThat(score.signals())
                .hasSize(9)
                .containsOnlyKeys(Piotroski.SIGNALS)
                .allSatisfy((name, holds) -> assertThat(holds).isNull());
        assertThat(score.reason()).isEqualTo("piotroski: no statements stored");
    }

    @Test
    void ratiosOverNonPositiveAssetsAreUnknown() {
        Map<Line, Double> latest = Fixtures.latestLines();
        latest.put(Line.TOTAL_ASSETS, 0.0);

        Piotroski score = of(latest, Fixtures.previousLines());

        assertThat(score.signals())
                .containsEntry("roa_positive", null)
                .containsEntry("roa_improving", null)
                .containsEntry("cfo_exceeds_roa", null)
                .containsEntry("leverage_falling", null)
                .containsEntry("asset_turnover_improving", null)
                .containsEntry("cfo_positive", true);
    }
}
