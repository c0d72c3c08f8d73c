package com.split.yahoo.market;

import java.time.LocalDate;

/** One annual statement value: {@code item} for the fiscal year ending {@code periodEnd}, in the listing's currency. */
public record StatementLine(LocalDate periodEnd, LineItem item, double value) {}
