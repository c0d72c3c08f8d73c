package com.split.initfilter.screening;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Numbers as reason strings show them: {@code 187.2}, {@code 0.382}, {@code 1.2e6}. */
final class Numbers {

    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_UP);

    private Numbers() {}

    /**
     * Large numbers in short scientific notation (dollar volumes, cash flows), others with two decimals, fractions
     * with three significant digits.
     */
    static String text(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e5) {
            BigDecimal rounded = BigDecimal.valueOf(value).round(THREE_DIGITS);
            int exponent = rounded.precision() - rounded.scale() - 1;
            String mantissa =
                    rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            return mantissa + "e" + exponent;
        }
        BigDecimal rounded = magnitude >= 1 || value == 0
                ? BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP)
                : BigDecimal.valueOf(value).round(THREE_DIGITS);
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** Rounded to four decimals, as scores are stored and reported. */
    static double round4(double value) {
        return Math.rint(value * 1e4) / 1e4;
    }
}
