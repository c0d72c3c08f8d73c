package com.split.initfilter.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReferenceRangeTests {

    @Test
    void mapsWorstToZeroAndBestToOneLinearlyAndClamps() {
        ReferenceRange liquidity = ReferenceRange.valueOf("6..9");

        assertThat(liquidity.score(Math.log10(1e6))).isZero();
        assertThat(liquidity.score(7.5)).isEqualTo(0.5);
        assertThat(liquidity.score(Math.log10(1e9))).isEqualTo(1.0);
        assertThat(liquidity.score(10)).isEqualTo(1.0);
        assertThat(liquidity.score(5)).isZero();
        assertThat(liquidity.position(10)).as("unclamped").isCloseTo(4.0 / 3, within(1e-12));
    }

    @Test
    void aFallingRangeScoresLowValuesBest() {
        ReferenceRange leverage = ReferenceRange.valueOf("3..0");

        assertThat(leverage.score(0)).isEqualTo(1.0);
        assertThat(leverage.score(1.5)).isEqualTo(0.5);
        assertThat(leverage.score(1.69)).isCloseTo(0.4367, within(1e-4));
        assertThat(leverage.score(4)).isZero();
        assertThat(leverage.score(Double.POSITIVE_INFINITY)).isZero();
    }

    @Test
    void theDocumentedDefaultsScoreTheirExamples() {
        FilterProperties.Ranges ranges = Fixtures.properties().ranges();

        assertThat(ranges.roe().score(0.15)).isCloseTo(0.5, within(1e-12));
        assertThat(ranges.roa().score(0.15)).isEqualTo(1.0);
        assertThat(ranges.piotroski().score(7)).isCloseTo(7.0 / 9, within(1e-12));
        assertThat(ranges.leverage()).isEqualTo(new ReferenceRange(3, 0));
        assertThat(ranges.liquidity()).isEqualTo(new ReferenceRange(6, 9));
    }

    @Test
    void parsesWorstDotDotBestAndRefusesAnythingElse() {
        assertThat(ReferenceRange.valueOf(" 0 .. 0.3 ")).isEqualTo(new ReferenceRange(0, 0.3));
        assertThat(ReferenceRange.valueOf("-1..-2")).isEqualTo(new ReferenceRange(-1, -2));
        assertThatIllegalArgumentException().isThrownBy(() -> ReferenceRange.valueOf("0-0.3"));
        assertThatIllegalArgumentException().isThrownBy(() -> ReferenceRange.valueOf("5..5"));
        assertThatIllegalArgumentException().isThrownBy(() -> ReferenceRange.valueOf("a..b"));
    }
}
