package com.split.portfolio.daily;

import org.jspecify.annotations.Nullable;

/**
 * {@code PUT /api/portfolios/{id}/daily-refresh}: on or off, and optionally a time of its own.
 *
 * @param at {@code HH:mm}, local to the configured zone; absent or null for the default time
 */
record DailyRefreshRequest(
        @Nullable Boolean enabled, @Nullable String at) {}
