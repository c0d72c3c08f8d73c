/** init-filter: the worker that screens a session's tickers and records why each passed or failed. */
@NullMarked
package com.split.initfilter;

import org.jspecify.annotations.NullMarked;
