package com.split.finalsel.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReferenceRangeTests {

    @Test
    void mapsLinearlyAndClampsOutsideTheRange() {
        ReferenceRange range = new ReferenceRange(-0.20, 0.40);
        assertThat(range.score(-0.20)).isZero();
        assertThat(range.score(0.10)).isCloseTo(0.5, within(1e-12));
        assertThat(range.score(0.40)).isEqualTo(1);
        assertThat(range.score(-1)).isZero();
        assertThat(range.score(3)).isEqualTo(1);
    }

    @Test
    void invertedScoresLessAsBetter() {
        ReferenceRange volatility = new ReferenceRange(0.15, 0.60);
        assertThat(volatility.inverted(0.10)).isEqualTo(1);
        assertThat(volatility.inverted(0.30)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(volatility.inverted(0.90)).isZero();
    }

    @Test
    void needsLowBelowHigh() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReferenceRange(1, 1));
    }
}
