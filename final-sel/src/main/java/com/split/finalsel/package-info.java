/** final-sel: the worker that decides Buy / Hold / Sell and weights the Buy set. */
@NullMarked
package com.split.finalsel;

import org.jspecify.annotations.NullMarked;
