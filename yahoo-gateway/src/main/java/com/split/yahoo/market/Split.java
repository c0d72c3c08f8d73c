package com.split.yahoo.market;

import java.time.LocalDate;

/** A stock split effective at the open of {@code date}: {@code numerator} new shares for {@code denominator} old. */
public record Split(LocalDate date, int numerator, int denominator) {}
