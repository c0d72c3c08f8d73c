package com.split.initfilter.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DollarVolumeTests {

    static final List<Bar> BARS = List.of(
            new Bar(LocalDate.of(2026, 11, 23), 50, 1_000_000),
            new Bar(LocalDate.of(2026, 11, 24), 10, 100),
            new Bar(LocalDate.of(2026, 11, 25), 20, 300));

    @Test
    void averagesCloseTimesVolumeOverTheNewestDays() {
        // (10 × 100 + 20 × 300) / 2: the oldest bar is outside the window
        DollarVolume volume = DollarVolume.of(BARS, 2, 9e9);

        assertThat(volume.value()).isEqualTo(3500.0);
        assertThat(volume.days()).isEqualTo(2);
        assertThat(volume.source()).isEqualTo("bars");
        assertThat(volume.note()).isEqualTo("2d");
    }

    @Test
    void fewerBarsThanDaysFallBackToAverageVolumeTimesLastClose() {
        DollarVolume volume = DollarVolume.of(BARS, 20, 1000.0);

        assertThat(volume.value()).isEqualTo(20 * 1000.0);
        assertThat(volume.days()).isNull();
        assertThat(volume.source()).isEqualTo("average_volume");
        assertThat(volume.note()).isEqualTo("from average volume × last close (3 of 20 bars stored)");
    }

    @Test
    void withoutAnAverageVolumeTheBarsThereAreAveraged() {
        DollarVolume volume = DollarVolume.of(BARS, 20, null);

        assertThat(volume.value()).isEqualTo((50.0 * 1_000_000 + 10 * 100 + 20 * 300) / 3);
        assertThat(volume.days()).isEqualTo(3);
        assertThat(volume.source()).isEqualTo("bars");
    }

    @Test
    void withoutBarsItIsUnknownEvenWithAnAverageVolume() {
        DollarVolume volume = DollarVolume.of(List.of(), 20, 1000.0);

        assertThat(volume.value()).isNull();
        assertThat(volume.source()).isNull();
        assertThat(volume.note()).isEqualTo("no bars stored");
    }
}
