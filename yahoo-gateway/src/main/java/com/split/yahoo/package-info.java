/** yahoo-gateway: the worker that keeps split_stocks filled with daily prices and fundamentals. */
@NullMarked
package com.split.yahoo;

import org.jspecify.annotations.NullMarked;
