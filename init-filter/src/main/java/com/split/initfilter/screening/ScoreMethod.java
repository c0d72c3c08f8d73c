package com.split.initfilter.screening;

/** How metrics became sub-scores for a session. */
public enum ScoreMethod {
    /** Each metric on its fixed scale ({@code split.filter.ranges.*}): the same metric scores the same anywhere. */
    REFERENCE_RANGES("reference_ranges"),
    /**
     * A cross-sectional robust z against the session's other tickers (median and MAD), winsorized and mapped to
     * [0, 1]: only for universes of at least {@code split.filter.cross-sectional-min-universe}.
     */
    ROBUST_Z("robust_z");

    private final String wireName;

    ScoreMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
