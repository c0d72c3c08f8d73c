package com.split.finalsel.scoring;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A ticker's newest fundamentals in split_stocks; null is unknown.
 *
 * @param trailingPe none when earnings are negative (Yahoo sends none then)
 * @param profitMargin net income over revenue: its sign is the sign of the earnings
 */
public record StockFundamentals(
        LocalDate asOf,
        @Nullable Double trailingPe,
        @Nullable Double returnOnEquity,
        @Nullable Double profitMargin) {}
