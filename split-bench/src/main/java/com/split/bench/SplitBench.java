package com.split.bench;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The benchmarks' entry point: one subcommand each. Public only because the jar launcher calls it. */
@Command(
        name = "split-bench",
        synopsisSubcommandLabel = "COMMAND",
        description = "SPLit's benchmarks: the task bus, event-srv's journal, log shipping, whole refresh runs, and"
                + " how fast yahoo-gateway stores, init-filter screens and final-sel selects.",
        subcommands = {
            Run.Options.class,
            Produce.class,
            Work.class,
            Soak.class,
            Journal.Options.class,
            LogShipping.class,
            Refresh.class,
            ScheduleBench.class,
            Chaos.class,
            StoreBench.class,
            FilterBench.class,
            SelectionBench.class,
            HelpCommand.class
        },
        footer = "%nsplit-bench help COMMAND, or split-bench COMMAND --help, lists a command's options and defaults."
                + "%nbin/split-bench starts the JVM from a JDK AOT cache of this jar, which the first benchmark run"
                + " after each build records (that run starts slower and writes the cache as it exits);"
                + " SPLIT_BENCH_AOT_CACHE=no runs without one.")
public final class SplitBench implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    private SplitBench() {}

    public static void main(String[] argv) {
        int exit = commandLine().execute(argv);
        // Lettuce's event loops are not daemon threads: leave explicitly once the command is done.
        System.exit(exit);
    }

    /** The commands, as {@link #main} parses and runs them: exit 0 when done, 2 on bad options, 1 on failure. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SplitBench());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        ITypeConverter<Long> whole = SplitBench::whole;
        ITypeConverter<Integer> wholeInt = value -> {
            long number = whole(value);
            if (number != (int) number) {
                throw new TypeConversionException("'" + value + "' is too large");
            }
            return (int) number;
        };
        commandLine.registerConverter(Long.class, whole);
        commandLine.registerConverter(long.class, whole);
        commandLine.registerConverter(Integer.class, wholeInt);
        commandLine.registerConverter(int.class, wholeInt);
        commandLine.registerConverter(Duration.class, SplitBench::seconds);
        return commandLine;
    }

    /** A count, whose digits may be grouped as in {@code --tasks 1_000_000}. */
    private static long whole(String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
    }

    /** A positive number of seconds, fractions allowed, as in {@code --latency-seconds 2.5}. */
    private static Duration seconds(String value) {
        double seconds;
        try {
            seconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new TypeConversionException("'" + value + "' is not a positive number of seconds");
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }
}
