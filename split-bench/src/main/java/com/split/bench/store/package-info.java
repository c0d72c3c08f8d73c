/** {@code split-bench store}: yahoo-gateway's fetching and storing of daily bars, from the offline provider. */
@NullMarked
package com.split.bench.store;

import org.jspecify.annotations.NullMarked;
