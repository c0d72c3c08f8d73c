/** {@code split-bench filter}: init-filter's screening of a whole session, on synthetic split_stocks data. */
@NullMarked
package com.split.bench.filter;

import org.jspecify.annotations.NullMarked;
