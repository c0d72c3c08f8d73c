package com.split.finalsel.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InverseVolatilityTests {

    @Test
    void weightsAreProportionalToTheInverseVolatility() {
        // 1/0.2 : 1/0.4 : 1/0.4 = 2 : 1 : 1
        assertThat(InverseVolatility.weights(new double[] {0.2, 0.4, 0.4}, 1))
                .containsExactly(new double[] {0.5, 0.25, 0.25}, within(1e-12));
    }

    @Test
    void aNameAboveTheCapIsHeldThereAndItsExcessShared() {
        // 0.5 is capped at 0.4; the 0.1 over goes to the others 1 : 1
        assertThat(InverseVolatility.weights(new double[] {0.2, 0.4, 0.4}, 0.4))
                .containsExactly(new double[] {0.4, 0.3, 0.3}, within(1e-12));
        // shares 8:4:2:1:1 of 16 = 0.5, 0.25, 0.125, 0.0625, 0.0625; at cap 0.3 the first sharing pushes the second
        // over too: 0.3, 0.3, then 0.4 left for 2:1:1
        assertThat(InverseVolatility.weights(new double[] {0.1, 0.2, 0.4, 0.8, 0.8}, 0.3))
                .containsExactly(new double[] {0.3, 0.3, 0.2, 0.1, 0.1}, within(1e-12));
    }

    @Test
    void withTooFewNamesForTheCapEachIsHeldAtTheCap() {
        double[] weights = InverseVolatility.weights(new double[] {0.2, 0.4}, 0.3);
        assertThat(weights).containsExactly(new double[] {0.3, 0.3}, within(1e-12));
        assertThat(Arrays.stream(weights).sum()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void anUnknownVolatilityTakesTheMedianOfTheKnownOnes() {
        // median of 0.2, 0.4 and 0.5 is 0.4: shares 5 : 2.5 : 2.5 : 2 of 12
        assertThat(InverseVolatility.weights(new double[] {0.2, Double.NaN, 0.4, 0.5}, 1))
                .containsExactly(new double[] {5 / 12.0, 2.5 / 12, 2.5 / 12, 2 / 12.0}, within(1e-12));
        assertThat(InverseVolatility.weights(new double[] {Double.NaN, 0}, 1))
                .containsExactly(new double[] {0.5, 0.5}, within(1e-12));
    }
}
