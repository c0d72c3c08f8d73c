/**
 * SPLit's benchmarks, one {@link com.split.bench.SplitBench} subcommand each. The bus: {@code produce} and {@code work}
 * measure one side each, {@code run} starts them as separate JVMs and reports throughput, latency, CPU and Redis cost
 * per task, {@code soak} shows the worker's memory over a million tasks; {@code journal} and {@code logs} time
 * event-srv and log-shipping, {@code refresh} a running stack. The services' own classes, in subpackages: {@code store}
 * (yahoo-gateway), {@code filter} (init-filter) and {@code selection} (final-sel), each in a {@link
 * com.split.bench.ThrowawaySchema}.
 */
@org.jspecify.annotations.NullMarked
package com.split.bench;
