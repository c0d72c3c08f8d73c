package com.split.finalsel;

import java.util.Locale;

/** Numbers in reasons: one locale, so that a reason reads the same on every machine. */
public final class Formats {

    private Formats() {}

    /** {@code value} with {@code digits} decimals: {@code 0.64}. */
    public static String decimal(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    /** {@code value} as a percentage with one decimal: {@code 12.5%}. */
    public static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value * 100);
    }
}
