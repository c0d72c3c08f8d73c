package com.split.bench;

import picocli.CommandLine.Option;

/**
 * {@code -h}, {@code --help}, mixed into each command: an option the top command passed down (scope INHERIT) would clash
 * with the one of picocli's own {@code help} command.
 */
final class HelpOption {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    private boolean help;
}
