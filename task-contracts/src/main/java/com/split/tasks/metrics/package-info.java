/**
 * The suite's meter conventions, which every service gets from task-contracts' auto-configuration: a description for
 * every meter, names that Prometheus' lint accepts, and histogram buckets for the latencies read as quantiles.
 */
@NullMarked
package com.split.tasks.metrics;

import org.jspecify.annotations.NullMarked;
