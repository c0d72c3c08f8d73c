/**
 * The bus benchmark: {@code produce} and {@code work} measure one side each, {@code run} starts them as separate JVMs and
 * reports throughput, latency, CPU and Redis cost per task, {@code soak} shows the worker's memory over a million tasks.
 */
@org.jspecify.annotations.NullMarked
package com.split.bench;
