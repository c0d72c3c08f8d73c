package com.split.initfilter.screening;

import java.util.Locale;

/** The parts of the normalized score, each in [0, 1]. */
public enum SubScore {
    LIQUIDITY,
    LEVERAGE,
    ROE,
    ROA,
    PIOTROSKI,
    ALTMAN;

    /** The key under {@code reasons_json.sub_scores}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
