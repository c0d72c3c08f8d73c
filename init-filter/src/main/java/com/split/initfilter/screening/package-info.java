/**
 * The screen itself, without Spring or a database: hard gates, Piotroski F, Altman Z and the normalized score of a
 * session's tickers, each with the reasons a user reads.
 */
@NullMarked
package com.split.initfilter.screening;

import org.jspecify.annotations.NullMarked;
