package com.split.yahoo.market;

import java.time.LocalDate;

/** A cash dividend per share, by its exchange-local ex-date. */
public record Dividend(LocalDate exDate, double amount) {}
