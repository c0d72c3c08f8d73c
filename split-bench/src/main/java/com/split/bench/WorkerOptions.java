package com.split.bench;

import com.split.tasks.bus.RateLimit;
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

    void check(BenchCommand command) {
        command.atLeast("--concurrency", concurrency, 1);
        command.atLeast("--claim-batch", claimBatch, 0);
        if (rateLimit != null) {
            RateLimit.parse("--rate-limit", rateLimit);
        }
    }

    /** As {@code split.bus.worker.rate-limits} says it: none, or the option's for the bench's queue. */
    Map<String, String> rateLimits(String queue) {
        return rateLimit == null ? Map.of() : Map.of(queue, rateLimit);
    }

    /** What a worker child needs of these options beyond its concurrency and claim batch. */
    List<String> childArguments() {
        return rateLimit == null ? List.of() : List.of("--rate-limit", rateLimit);
    }

    int concurrency() {
        return concurrency;
    }

    int claimBatch() {
        return claimBatch;
    }
}
