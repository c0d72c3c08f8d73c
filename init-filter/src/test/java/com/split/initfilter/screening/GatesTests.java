package com.split.initfilter.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GatesTests {

    final FilterProperties properties = Fixtures.properties();

    @Test
    void priceFloorPassesAtTheFloorAndFailsBelowIt() {
        assertThat(Gates.priceFloor(5.0, 5).verdict()).isEqualTo(Verdict.PASS);
        GateResult below = Gates.priceFloor(4.99, 5);
        assertThat(below.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(below.reason()).isEqualTo("price: last close 4.99 < 5");
        assertThat(below.values()).containsEntry("value", 4.99).containsEntry("bound", 5.0);
        assertThat(Gates.priceFloor(187.2, 5).reason()).isEqualTo("price: last close 187.2 ≥ 5");
    }

    @Test
    void priceFloorWithoutBarsIsUnknown() {
        GateResult unknown = Gates.priceFloor(null, 5);
        assertThat(unknown.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(unknown.values()).containsEntry("value", null);
        assertThat(unknown.reason()).isEqualTo("price: no bars stored");
    }

    @Test
    void liquidityComparesDollarVolumeWithTheBoundAndSaysWhereItCameFrom() {
        GateResult thin = Gates.liquidity(new DollarVolume(1.2e6, 20, "bars", "20d"), 5e6);
        assertThat(thin.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(thin.reason()).isEqualTo("liquidity: ADV$ 20d = 1.2e6 < 5e6");
        assertThat(thin.values())
                .containsEntry("value", 1.2e6)
                .containsEntry("bound", 5e6)
                .containsEntry("days", 20)
                .containsEntry("source", "bars");

        GateResult fallback = Gates.liquidity(DollarVolume.of(Fixtures.bars(3, 40, 1000), 20, 2e6), 5e6);
        assertThat(fallback.verdict()).isEqualTo(Verdict.PASS);
        assertThat(fallback.values()).containsEntry("source", "average_volume").containsEntry("days", null);
        assertThat(fallback.reason())
                .isEqualTo("liquidity: ADV$ from average volume × last close (3 of 20 bars stored) = 8e7 ≥ 5e6");

        GateResult unknown = Gates.liquidity(DollarVolume.of(List.of(), 20, null), 5e6);
        assertThat(unknown.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(unknown.reason()).isEqualTo("liquidity: ADV$ unknown (no bars stored)");
    }

    @Test
    void leverageCapsDebtToEquity() {
        GateResult pass = Gates.leverage(1.69, "Technology", false, 2.0);
        assertThat(pass.verdict()).isEqualTo(Verdict.PASS);
        assertThat(pass.reason()).isEqualTo("leverage: D/E 1.69 ≤ 2");
        assertThat(Gates.leverage(2.0, "Technology", false, 2.0).verdict()).isEqualTo(Verdict.PASS);

        GateResult fail = Gates.leverage(3.4, "Technology", false, 2.0);
        assertThat(fail.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(fail.reason()).isEqualTo("leverage: D/E 3.4 > 2");

        GateResult negativeEquity = Gates.leverage(-1.5, "Technology", false, 2.0);
        assertThat(negativeEquity.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(negativeEquity.reason()).isEqualTo("leverage: D/E -1.5 < 0 (negative equity)");

        GateResult unknown = Gates.leverage(null, "Technology", false, 2.0);
        assertThat(unknown.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(unknown.reason()).isEqualTo("leverage: D/E unknown");
    }

    @Test
    void financialsAreExemptFromTheLeverageCapByTheirSector() {
        assertThat(properties.exempt("Financial Services")).isTrue();
        assertThat(properties.exempt("financial services ")).isTrue();
        assertThat(properties.exempt("Technology")).isFalse();
        assertThat(properties.exempt(null)).isFalse();

        TickerInputs bank = new TickerInputs(
                "JPM",
                Fixtures.bars(20, 200, 10_000_000),
                Fixtures.statistics("Financial Services", 5e11, 0.15, 0.01, 8.5, 1e10),
                null,
                null,
                List.of());
        GateResult leverage = Gates.judge(bank, DollarVolume.of(bank.bars(), 20, null), properties)
                .get(Gate.LEVERAGE.ordinal());

        assertThat(leverage.verdict()).isEqualTo(Verdict.EXEMPT);
        assertThat(leverage.values()).containsEntry("value", 8.5).containsEntry("bound", 2.0);
        assertThat(leverage.reason()).isEqualTo("leverage: exempt (Financial Services)");

        FilterProperties noExemption = Fixtures.properties("exempt-sectors", "");
        assertThat(Gates.judge(bank, DollarVolume.of(bank.bars(), 20, null), noExemption)
                        .get(Gate.LEVERAGE.ordinal())
                        .verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void profitabilityNeedsPositiveRoeRoaAndCashFlow() {
        FilterProperties.Profitability bounds = properties.profitability();

        GateResult pass = Gates.profitability(0.3, 0.2, 1.1e11, bounds);
        assertThat(pass.verdict()).isEqualTo(Verdict.PASS);
        assertThat(pass.reason()).isEqualTo("profitability: ROE 0.3 > 0, ROA 0.2 > 0, OCF 1.1e11 > 0");
        assertThat(pass.values())
                .containsEntry("roe", 0.3)
                .containsEntry("roa", 0.2)
                .containsEntry("operating_cash_flow", 1.1e11);

        GateResult loss = Gates.profitability(-0.05, 0.01, 1e6, bounds);
        assertThat(loss.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(loss.reason()).isEqualTo("profitability: ROE -0.05 ≤ 0, ROA 0.01 > 0, OCF 1e6 > 0");

        assertThat(Gates.profitability(0.1, 0.0, 1e6, bounds).verdict())
                .as("zero is not positive")
                .isEqualTo(Verdict.FAIL);
        assertThat(Gates.profitability(-0.1, null, null, bounds).verdict())
                .as("a known failure fails whatever is unknown")
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void profitabilityWithAMissingMetricIsUnknownNotFailed() {
        GateResult partial = Gates.profitability(null, 0.2, 1e9, properties.profitability());

        assertThat(partial.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(partial.reason()).isEqualTo("profitability: ROE unknown, ROA 0.2 > 0, OCF 1e9 > 0");
    }

    @Test
    void withoutFundamentalsLeverageAndProfitabilityAreUnknown() {
        TickerInputs pricesOnly =
                new TickerInputs("ETF", Fixtures.bars(20, 50, 1_000_000), null, null, null, List.of());

        List<GateResult> gates = Gates.judge(pricesOnly, DollarVolume.of(pricesOnly.bars(), 20, null), properties);

        assertThat(gates)
                .extracting(GateResult::verdict)
                .containsExactly(Verdict.PASS, Verdict.PASS, Verdict.UNKNOWN, Verdict.UNKNOWN);
        assertThat(gates.get(2).reason()).isEqualTo("leverage: no fundamentals stored");
        assertThat(gates.get(3).reason()).isEqualTo("profitability: no fundamentals stored");
    }
}
