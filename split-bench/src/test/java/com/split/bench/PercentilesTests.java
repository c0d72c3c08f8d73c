package com.split.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTests {

    @Test
    void nearestRankOfOneToHundredIsTheRankItself() {
        double[] samples = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
        reverse(samples); // order of arrival does not matter

        Percentiles p = Percentiles.of(samples);

        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p90()).isEqualTo(90);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
    }

    @Test
    void neverInterpolatesBetweenSamples() {
        Percentiles p = Percentiles.of(new double[] {0.004, 0.001, 0.003, 0.002});

        assertThat(p.p50()).isEqualTo(0.002); // rank ceil(0.5 × 4) = 2
        assertThat(p.p90()).isEqualTo(0.004); // rank ceil(0.9 × 4) = 4
        assertThat(p.p99()).isEqualTo(0.004);
    }

    @Test
    void p99OfAThousandIsTheTenthLargest() {
        double[] samples = IntStream.rangeClosed(1, 1000).asDoubleStream().toArray();

        assertThat(Percentiles.rank(samples, 99)).isEqualTo(990);
        assertThat(Percentiles.rank(samples, 99.9)).isEqualTo(999);
        assertThat(Percentiles.rank(samples, 100)).isEqualTo(1000);
        assertThat(Percentiles.rank(samples, 0.01)).isEqualTo(1);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        Percentiles p = Percentiles.of(new double[] {0.0015});

        assertThat(p.p50()).isEqualTo(0.0015);
        assertThat(p.p99()).isEqualTo(0.0015);
        assertThat(p.max()).isEqualTo(0.0015);
    }

    @Test
    void noSamplesHaveNoPercentiles() {
        assertThat(Percentiles.of(new double[0])).isEqualTo(Percentiles.NONE);
        assertThat(Percentiles.NONE.p99()).isNaN();
        assertThatIllegalArgumentException().isThrownBy(() -> Percentiles.rank(new double[] {1}, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> Percentiles.rank(new double[] {1}, 101));
    }

    @Test
    void leavesTheCallersSamplesAlone() {
        double[] samples = {3, 1, 2};

        Percentiles.of(samples);

        assertThat(samples).containsExactly(3, 1, 2);
    }

    private static void reverse(double[] values) {
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            double swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
