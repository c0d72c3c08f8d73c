package com.split.yahoo.market;

import java.time.LocalDate;

/**
 * One trading day.
 *
 * @param date the exchange-local date of the session
 * @param close the price traded at the close, not adjusted
 * @param adjClose the close adjusted for splits and dividends: returns computed from it are total returns
 * @param volume shares traded
 */
public record DailyBar(
        LocalDate date, double open, double high, double low, double close, double adjClose, long volume) {}
