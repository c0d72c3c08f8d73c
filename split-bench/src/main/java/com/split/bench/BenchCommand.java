package com.split.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A split-bench command: its options are checked before anything runs, and a value out of range is a usage error (exit
 * 2) that names the option, as a value picocli cannot convert is. Its help shows the options' defaults.
 */
@Command(showDefaultValues = true)
abstract class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Override
    public final Integer call() throws Exception {
        check();
        run();
        return 0;
    }

    /** Checks what parsing alone cannot: ranges, and options that only go together. */
    protected abstract void check();

    /** Runs the command, its options checked. */
    protected abstract void run() throws Exception;

    /** Where the report goes: standard output, or what a caller such as a test set on the command line. */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where progress goes: standard error, or what a caller set. */
    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected final void atLeast(String option, long value, long minimum) {
        require(value >= minimum, "%s must be at least %d, was %d".formatted(option, minimum, value));
    }

    protected final void positive(String option, double value) {
        require(value > 0 && Double.isFinite(value), "%s must be a positive number, was %s".formatted(option, value));
    }

    protected final void require(boolean holds, String message) {
        if (!holds) {
            throw usage(message);
        }
    }

    /** A usage error: picocli prints it with the command's usage, and the command exits with 2. */
    protected final ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
