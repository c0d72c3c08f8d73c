/** Consuming Redis streams in consumer groups, durably: what event-srv and log-srv build their ingestion on. */
@NullMarked
package com.split.tasks.streams;

import org.jspecify.annotations.NullMarked;
