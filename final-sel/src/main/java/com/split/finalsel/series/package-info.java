/** Price series and the return statistics computed from them: log returns, 12-1 momentum, volatility. */
@NullMarked
package com.split.finalsel.series;

import org.jspecify.annotations.NullMarked;
