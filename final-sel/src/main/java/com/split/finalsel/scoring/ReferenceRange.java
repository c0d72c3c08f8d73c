package com.split.finalsel.scoring;

/**
 * Maps a measure linearly onto [0, 1]: {@code low} or less scores 0, {@code high} or more scores 1 (or the reverse, for
 * a measure where less is better).
 */
public record ReferenceRange(double low, double high) {

    public ReferenceRange {
        if (!(low < high)) {
            throw new IllegalArgumentException("a reference range needs low < high, was [%s, %s]".formatted(low, high));
        }
    }

    /** Higher is better. */
    public double score(double value) {
        return Math.clamp((value - low) / (high - low), 0.0, 1.0);
    }

    /** Lower is better. */
    public double inverted(double value) {
        return 1 - score(value);
    }
}
