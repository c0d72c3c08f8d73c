package com.split.portfolio.portfolio;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A 404 problem detail for a portfolio id that names none. */
public class PortfolioNotFoundException extends ErrorResponseException {

    public PortfolioNotFoundException(long id) {
        super(HttpStatus.NOT_FOUND);
        setTitle("Portfolio not found");
        setDetail("No portfolio with id %d".formatted(id));
    }
}
