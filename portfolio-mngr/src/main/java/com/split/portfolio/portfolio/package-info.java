/** Portfolios, their tickers and the history of every change; the default portfolio of the first start. */
@NullMarked
package com.split.portfolio.portfolio;

import org.jspecify.annotations.NullMarked;
