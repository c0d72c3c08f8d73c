/** {@code POST /api/events}: lifecycle events from clients that are not on the Java bus. */
@NullMarked
package com.split.events.intake;

import org.jspecify.annotations.NullMarked;
