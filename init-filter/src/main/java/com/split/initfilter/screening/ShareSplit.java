package com.split.initfilter.screening;

import java.time.LocalDate;

/** A split on {@code date}: {@code numerator} new shares for {@code denominator} old ones. */
public record ShareSplit(LocalDate date, int numerator, int denominator) {

    public double factor() {
        return (double) numerator / denominator;
    }
}
