/** portfolio-mngr: portfolios, refresh runs and their recommendations; what its packages share. */
@NullMarked
package com.split.portfolio;

import org.jspecify.annotations.NullMarked;
