package com.split.bench;

import picocli.CommandLine.Option;

/** The key prefix that one producer or worker of a run works under. */
final class PrefixOption {

    @Option(
            names = "--prefix",
            defaultValue = BenchRedis.DEFAULT_PREFIX,
            converter = BenchRedis.Prefix.class,
            description = "key prefix")
    private String prefix;

    String value() {
        return prefix;
    }
}
