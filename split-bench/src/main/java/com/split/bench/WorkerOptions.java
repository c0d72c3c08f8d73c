package com.split.bench;

import com.split.tasks.bus.RateLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How a worker runs the no-op tasks. */
final class WorkerOptions {

    @Option(names = "--concurrency", defaultValue = "64", description = "tasks run at once")
    private int concurrency;

    @Option(names = "--claim-batch", defaultValue = "0", description = "tasks claimed at once; 0 for the concurrency")
    private int claimBatch;

    @Option(
            names = "--rate-limit",
            paramLabel = "TASKS/DURATION",
            description = "the queue's rate limit, split.bus.worker.rate-limits (e.g. 1000000/1s); none by default")
    private @Nullable String rateLimit;

    @Option(
            names = "--max-running",
            defaultValue = "0",
            description = "the queue's cap on tasks held, split.bus.worker.max-running; 0 for none")
    private int maxRunning;

    void check(BenchCommand command) {
        command.atLeast("--concurrency", concurrency, 1);
        command.atLeast("--claim-batch", claimBatch, 0);
        command.atLeast("--max-running", maxRunning, 0);
        if (rateLimit != null) {
            RateLimit.parse("--rate-limit", rateLimit);
        }
    }

    /** As {@code split.bus.worker.rate-limits} says it: none, or the option's for the bench's queue. */
    Map<String, String> rateLimits(String queue) {
        return rateLimit == null ? Map.of() : Map.of(queue, rateLimit);
    }

    /** As {@code split.bus.worker.max-running} says it: none, or the option's for the bench's queue. */
    Map<String, Integer> maxRunning(String queue) {
        return maxRunning == 0 ? Map.of() : Map.of(queue, maxRunning);
    }

    /** What a worker child needs of these options beyond its concurrency and claim batch. */
    List<String> childArguments() {
        List<String> arguments = new ArrayList<>(List.of("--max-running", Integer.toString(maxRunning)));
        if (rateLimit != null) {
            arguments.addAll(List.of("--rate-limit", rateLimit));
        }
        return arguments;
    }

    int concurrency() {
        return concurrency;
    }

    int claimBatch() {
        return claimBatch;
    }
}
