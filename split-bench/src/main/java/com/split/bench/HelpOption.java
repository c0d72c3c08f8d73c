package com.split.bench;

import picocli.CommandLine.Option;

/** {@code -h}, {@code --help}: every command's own, as picocli's {@code help COMMAND} has one already. */
final class HelpOption {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    private boolean help;
}
