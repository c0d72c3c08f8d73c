package com.split.initfilter.screening;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Average daily dollar volume, zipline's {@code AverageDollarVolume}: Σ(close × volume) / N over the newest N bars.
 *
 * @param value the average, or null when no bars are stored (an average volume needs a last close)
 * @param days the bars averaged; null when the value comes from the average volume
 * @param source {@code bars} or {@code average_volume}; null with the value
 * @param note how it was computed, for the reason: {@code 20d}, {@code from average volume × last close (…)}
 */
public record DollarVolume(
        @Nullable Double value,
        @Nullable Integer days,
        @Nullable String source,
        String note) {

    public static final String BARS = "bars";
    public static final String AVERAGE_VOLUME = "average_volume";

    /**
     * Over the newest {@code days} bars when there are that many. With fewer, the three-month average volume × the
     * last close stands in (Yahoo's own average, over more sessions than a new listing has bars here); without it, the
     * bars there are.
     *
     * @param bars oldest first
     */
    public static DollarVolume of(List<Bar> bars, int days, @Nullable Double averageVolume) {
        if (bars.size() >= days) {
            return new DollarVolume(average(bars.subList(bars.size() - days, bars.size())), days, BARS, days + "d");
        }
        if (averageVolume != null && !bars.isEmpty()) {
            return new DollarVolume(
                    averageVolume * bars.getLast().close(),
                    null,
                    AVERAGE_VOLUME,
                    "from average volume × last close (%d of %d bars stored)".formatted(bars.size(), days));
        }
        if (!bars.isEmpty()) {
            return new DollarVolume(
                    average(bars),
                    bars.size(),
                    BARS,
                    "%dd (%d of %d bars stored)".formatted(bars.size(), bars.size(), days));
        }
        return new DollarVolume(null, null, null, "no bars stored");
    }

    private static double average(List<Bar> bars) {
        double sum = 0;
        for (Bar bar : bars) {
            sum += bar.close() * bar.volume();
        }
        return sum / bars.size();
    }
}
