package com.split.initfilter.screening;

/**
 * A fixed scale from a metric to a sub-score: {@code worst} scores 0, {@code best} scores 1, linearly in between and
 * clamped outside. {@code best} may be below {@code worst} (debt/equity: 3 → 0, 0 → 1). Written {@code worst..best} in
 * properties ({@code 6..9}).
 */
public record ReferenceRange(double worst, double best) {

    public ReferenceRange {
        if (!Double.isFinite(worst) || !Double.isFinite(best) || worst == best) {
            throw new IllegalArgumentException(
                    "a reference range needs two different finite bounds, not %s..%s".formatted(worst, best));
        }
    }

    /** Parses {@code worst..best}; Spring's binder calls it for properties and defaults. */
    public static ReferenceRange valueOf(String text) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("a reference range is written worst..best, not " + text);
        }
        return new ReferenceRange(
                Double.parseDouble(text.substring(0, dots).strip()),
                Double.parseDouble(text.substring(dots + 2).strip()));
    }

    /** Where {@code value} lies on the scale, unclamped: 0 at worst, 1 at best; infinite values stay infinite. */
    public double position(double value) {
        return (value - worst) / (best - worst);
    }

    /** The sub-score of {@code value}: its position clamped to [0, 1]. */
    public double score(double value) {
        return clamp(position(value));
    }

    static double clamp(double position) {
        return Math.max(0, Math.min(1, position));
    }

    @Override
    public String toString() {
        return worst + ".." + best;
    }
}
