/**
 * Zero-loss accounting: the reconciler compares the journal with Redis, lists and repairs the tasks the bus lost, and
 * proves per queue that every task created is finished, waiting, in flight or delayed.
 */
@NullMarked
package com.split.events.recovery;

import org.jspecify.annotations.NullMarked;
