/**
 * The {@code initial_filter} worker: reads a session's tickers from split_stocks, screens them and keeps one row per
 * ticker in {@code initial_filtration}.
 */
@NullMarked
package com.split.initfilter.filtration;

import org.jspecify.annotations.NullMarked;
