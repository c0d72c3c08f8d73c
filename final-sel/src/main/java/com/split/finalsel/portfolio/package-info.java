/**
 * Weights of the Buy set: a Ledoit-Wolf shrunk covariance, the long-only minimum-variance portfolio (ojAlgo), and
 * inverse volatility when that cannot be had.
 */
@NullMarked
package com.split.finalsel.portfolio;

import org.jspecify.annotations.NullMarked;
