package com.split.finalsel.portfolio;

/** How the Buy set was weighted, by its wire name in the {@code final_selection} outcome. */
public enum WeightingMethod {
    MIN_VARIANCE("min_variance"),
    INVERSE_VOLATILITY("inverse_volatility"),
    /** No Buy. */
    NONE("none");

    private final String wireName;

    WeightingMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static WeightingMethod ofWireName(String wireName) {
        for (WeightingMethod method : values()) {
            if (method.wireName.equals(wireName)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown weighting " + wireName);
    }
}
