package com.split.bench;

import picocli.CommandLine.Option;

/** How a worker runs the no-op tasks. */
final class WorkerOptions {

    @Option(names = "--concurrency", defaultValue = "64", description = "tasks run at once")
    private int concurrency;

    @Option(names = "--claim-batch", defaultValue = "0", description = "tasks claimed at once; 0 for the concurrency")
    private int claimBatch;

    void check(BenchCommand command) {
        command.atLeast("--concurrency", concurrency, 1);
        command.atLeast("--claim-batch", claimBatch, 0);
    }

    int concurrency() {
        return concurrency;
    }

    int claimBatch() {
        return claimBatch;
    }
}
