/** Cross-cutting beans and the {@code split.portfolio.*} settings. */
@NullMarked
package com.split.portfolio.config;

import org.jspecify.annotations.NullMarked;
