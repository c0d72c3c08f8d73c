package com.split.portfolio.portfolio;

import org.jspecify.annotations.Nullable;

/**
 * A ticker to add.
 *
 * @param symbol as the user typed it: trimmed and upper-cased before it is checked
 * @param reason why it is added, kept in the history
 */
record AddTickerRequest(@Nullable String symbol, @Nullable String reason) {}
