/** Reads the bus's events streams into the MySQL journal: {@code events_log} (history) and {@code tasks} (state). */
@NullMarked
package com.split.events.journal;

import org.jspecify.annotations.NullMarked;
