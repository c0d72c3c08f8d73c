package com.split.initfilter.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RobustZTests {

    @Test
    void scalesByTheMedianAbsoluteDeviationSoAnOutlierMovesNothing() {
        // median 3; deviations 2, 1, 0, 1, 97 → MAD 1 → scale 1.4826
        RobustZ cross = new RobustZ(new double[] {4, 1, 100, 3, 2});

        assertThat(cross.z(3)).isZero();
        assertThat(cross.z(4)).isCloseTo(1 / 1.4826, within(1e-12));
        assertThat(cross.z(1)).isCloseTo(-2 / 1.4826, within(1e-12));
        assertThat(cross.z(100)).isCloseTo(97 / 1.4826, within(1e-9));
    }

    @Test
    void winsorizesAtTheLimitAndMapsOntoZeroToOne() {
        RobustZ cross = new RobustZ(new double[] {4, 1, 100, 3, 2});

        assertThat(cross.score(3, 3)).isEqualTo(0.5);
        assertThat(cross.score(100, 3)).as("z 65 is cut at 3").isEqualTo(1.0);
        assertThat(cross.score(-100, 3)).isEqualTo(0.0);
        assertThat(cross.score(1, 3)).isCloseTo((-2 / 1.4826 + 3) / 6, within(1e-12));
        assertThat(cross.score(1, 2)).isCloseTo((-2 / 1.4826 + 2) / 4, within(1e-12));
    }

    @Test
    void whenMostValuesAreEqualTheMeanAbsoluteDeviationStandsIn() {
        // median 5, MAD 0; mean absolute deviation 4 / 5 = 0.8 → scale 0.8 × 1.2533
        RobustZ cross = new RobustZ(new double[] {5, 5, 5, 5, 9});

        assertThat(cross.z(9)).isCloseTo(4 / (0.8 * 1.2533), within(1e-12));
        assertThat(cross.z(5)).isZero();
    }

    @Test
    void withoutSpreadEveryValueScoresTheMiddle() {
        RobustZ cross = new RobustZ(new double[] {2, 2, 2});

        assertThat(cross.score(2, 3)).isEqualTo(0.5);
        assertThat(cross.score(7, 3)).isEqualTo(0.5);
        assertThat(new RobustZ(new double[0]).score(1, 3)).isEqualTo(0.5);
    }

    @Test
    void infiniteValuesAreExtremesOutsideTheStatistics() {
        RobustZ cross = new RobustZ(new double[] {Double.NEGATIVE_INFINITY, 1, 2, 3});

        assertThat(cross.z(2)).as("median of 1, 2, 3").isZero();
        assertThat(cross.score(Double.NEGATIVE_INFINITY, 3)).isZero();
        assertThat(cross.score(Double.POSITIVE_INFINITY, 3)).isEqualTo(1.0);
    }
}
