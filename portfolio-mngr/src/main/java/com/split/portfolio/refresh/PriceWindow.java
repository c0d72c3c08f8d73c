package com.split.portfolio.refresh;

import java.time.LocalDate;

/** The first and last day, both included, of the adjusted closes final-sel read for a ticker. */
record PriceWindow(LocalDate from, LocalDate to) {}
