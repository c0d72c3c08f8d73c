/** JSON encoding of envelopes and events, with the checks that keep poison off the bus. */
@NullMarked
package com.split.tasks.codec;

import org.jspecify.annotations.NullMarked;
