/** The live side of the queues, read from Redis: depths, workers, dead letters, and their requeue. */
@NullMarked
package com.split.events.queue;

import org.jspecify.annotations.NullMarked;
