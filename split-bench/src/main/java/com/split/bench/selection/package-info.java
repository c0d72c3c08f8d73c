/** {@code split-bench selection}: final-sel's selection of a session, on final-sel's stand-in data. */
@NullMarked
package com.split.bench.selection;

import org.jspecify.annotations.NullMarked;
