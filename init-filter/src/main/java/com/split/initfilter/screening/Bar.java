package com.split.initfilter.screening;

import java.time.LocalDate;

/** One daily bar as the screen reads it: the close as traded and the shares traded. */
public record Bar(LocalDate date, double close, long volume) {}
