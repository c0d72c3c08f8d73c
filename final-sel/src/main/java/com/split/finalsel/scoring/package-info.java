/** Sub-scores from reference ranges, the composite, the vetoes and the Buy / Hold / Sell rule with hysteresis. */
@NullMarked
package com.split.finalsel.scoring;

import org.jspecify.annotations.NullMarked;
