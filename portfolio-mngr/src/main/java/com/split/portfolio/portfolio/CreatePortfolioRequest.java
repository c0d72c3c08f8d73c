package com.split.portfolio.portfolio;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A new portfolio of the acting user.
 *
 * @param name unique among the user's portfolios, 1 to 100 characters
 * @param tickers its first tickers, each checked like an added one
 * @param reason why it is created, kept in the history
 */
record CreatePortfolioRequest(
        @Nullable String name,
        @Nullable List<String> tickers,
        @Nullable String reason) {}
