/** Each portfolio's daily refresh: its setting, and the recurring schedule of the bus that carries it out. */
@NullMarked
package com.split.portfolio.daily;

import org.jspecify.annotations.NullMarked;
