package com.split.initfilter.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTests {

    @Test
    void largeNumbersAreShortScientific() {
        assertThat(Numbers.text(1.2e6)).isEqualTo("1.2e6");
        assertThat(Numbers.text(5e6)).isEqualTo("5e6");
        assertThat(Numbers.text(2_614_000_000.0)).isEqualTo("2.61e9");
        assertThat(Numbers.text(-1.06e9)).isEqualTo("-1.06e9");
        assertThat(Numbers.text(999_999)).isEqualTo("1e6");
    }

    @Test
    void pricesAndRatiosKeepTwoDecimalsAndFractionsThreeDigits() {
        assertThat(Numbers.text(187.2)).isEqualTo("187.2");
        assertThat(Numbers.text(140.094)).isEqualTo("140.09");
        assertThat(Numbers.text(5)).isEqualTo("5");
        assertThat(Numbers.text(0)).isEqualTo("0");
        assertThat(Numbers.text(0.381586)).isEqualTo("0.382");
        assertThat(Numbers.text(-0.05)).isEqualTo("-0.05");
        assertThat(Numbers.text(0.02934)).isEqualTo("0.0293");
    }

    @Test
    void scoresRoundToFourDecimals() {
        assertThat(Numbers.round4(0.791666)).isEqualTo(0.7917);
        assertThat(Numbers.round4(0.5)).isEqualTo(0.5);
    }
}
