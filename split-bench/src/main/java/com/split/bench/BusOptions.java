package com.split.bench;

import picocli.CommandLine.Option;

/** The Redis and the queue of a command's no-op tasks. */
final class BusOptions {

    @Option(names = "--redis", paramLabel = "URL", defaultValue = BenchRedis.DEFAULT_URL)
    private String url;

    @Option(names = "--queue", defaultValue = BenchRedis.DEFAULT_QUEUE)
    private String queue;

    String url() {
        return url;
    }

    String queue() {
        return queue;
    }
}
