package com.split.portfolio.portfolio;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A 404 problem detail for removing a ticker the portfolio does not hold. */
class TickerNotFoundException extends ErrorResponseException {

    TickerNotFoundException(long portfolioId, String symbol) {
        super(HttpStatus.NOT_FOUND);
        setTitle("Ticker not in portfolio");
        setDetail("Portfolio %d does not hold %s".formatted(portfolioId, symbol));
    }
}
