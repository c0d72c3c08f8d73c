package com.split.initfilter.screening;

import java.util.Locale;

/** What a gate, or a ticker, came to. {@code EXEMPT} is for gates only: the rule does not apply to the sector. */
public enum Verdict {
    PASS,
    FAIL,
    UNKNOWN,
    EXEMPT;

    /** The name in {@code reasons_json} and in task details. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
