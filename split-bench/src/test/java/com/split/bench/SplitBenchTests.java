package com.split.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The commands' options as {@link SplitBench#main} parses them: names, defaults, and what they refuse. */
class SplitBenchTests {

    private final CommandLine commandLine = SplitBench.commandLine();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    SplitBenchTests() {
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
    }

    /** Parses {@code argv} and gives the value each named option of the command ends up with. */
    private CommandSpec parse(String... argv) {
        return commandLine.parseArgs(argv).subcommand().commandSpec();
    }

    private static Object value(CommandSpec command, String option) {
        return command.findOption(option).getValue();
    }

    @Test
    void runKeepsItsDefaults() {
        CommandSpec run = parse("run");

        assertThat(value(run, "--tasks")).isEqualTo(20_000L);
        assertThat(value(run, "--concurrency")).isEqualTo(64);
        assertThat(value(run, "--claim-batch")).isEqualTo(0);
        assertThat(value(run, "--redis")).isEqualTo("redis://127.0.0.1:6379");
        assertThat(value(run, "--queue")).isEqualTo("bench_tasks");
        assertThat(value(run, "--rate")).isEqualTo(List.of(100.0, 1000.0));
        assertThat(value(run, "--latency-seconds")).isEqualTo(Duration.ofSeconds(10));
        assertThat(value(run, "--warm")).isEqualTo(30_000L);
        assertThat(value(run, "--producer-warmup")).isEqualTo(20_000L);
        assertThat(value(run, "--producer-threads")).isEqualTo(1);
        assertThat(value(run, "--phases")).isEqualTo(List.of(Run.Phase.values()));
        assertThat(value(run, "--max-seconds")).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theBusCommandsKeepTheirDefaults() {
        CommandSpec soak = parse("soak");
        assertThat(value(soak, "--tasks")).isEqualTo(1_000_000L);
        assertThat(value(soak, "--chunk")).isEqualTo(10_000);
        assertThat(value(soak, "--warm")).isEqualTo(10_000L);
        assertThat(value(soak, "--max-seconds")).isEqualTo(Duration.ofMinutes(30));

        CommandSpec journal =
                SplitBench.commandLine().parseArgs("journal").subcommand().commandSpec();
        assertThat(value(journal, "--tasks")).isEqualTo(100_000L);
        assertThat(value(journal, "--rate")).isEqualTo(2000.0);
        assertThat(value(journal, "--seconds")).isEqualTo(Duration.ofSeconds(30));
        assertThat(value(journal, "--batch-size")).isEqualTo(1000);
        assertThat(value(journal, "--jdbc-url")).isEqualTo("jdbc:mysql://127.0.0.1:3306/");
        assertThat(value(journal, "--keep-schema")).isEqualTo(false);
        assertThat(value(journal, "--phases"))
                .isEqualTo(List.of(Journal.Phase.THROUGHPUT, Journal.Phase.LAG, Journal.Phase.RETENTION));

        CommandSpec refresh =
                SplitBench.commandLine().parseArgs("refresh").subcommand().commandSpec();
        assertThat(value(refresh, "--url")).isEqualTo("http://127.0.0.1:8081");
        assertThat(value(refresh, "--tickers")).isEqualTo(10);
        assertThat(value(refresh, "--runs")).isEqualTo(3);
        assertThat(value(refresh, "--max-seconds")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theServiceBenchmarksKeepTheirDefaults() {
        CommandSpec filter = parse("filter");
        assertThat(value(filter, "--tickers")).isEqualTo(500);
        assertThat(value(filter, "--years")).isEqualTo(2);
        assertThat(value(filter, "--runs")).isEqualTo(5);
        assertThat(value(filter, "--url")).isEqualTo("jdbc:mysql://127.0.0.1:3306/");
        assertThat(value(filter, "--user")).isEqualTo("split_test");
        assertThat(value(filter, "--password")).isEqualTo("split_test");
        assertThat(value(filter, "--keep-schema")).isEqualTo(false);

        CommandSpec selection =
                SplitBench.commandLine().parseArgs("selection").subcommand().commandSpec();
        assertThat(value(selection, "--passing")).isEqualTo(0.9);
        assertThat(value(selection, "--seed")).isEqualTo(1L);
        assertThat(value(selection, "--buy-threshold")).isEqualTo(0.6);

        CommandSpec store =
                SplitBench.commandLine().parseArgs("store").subcommand().commandSpec();
        assertThat(value(store, "--tickers")).isEqualTo(500);
        assertThat(value(store, "--threads")).isEqualTo(2);
    }

    @Test
    void readsThePeerHarnessCommandLines() {
        // shared/peers/split_cfg.py: the worker, and the producer, which gets --rate in every mode
        CommandSpec work = parse(
                "work",
                "--redis",
                "redis://127.0.0.1:6391",
                "--queue",
                "peer_bench",
                "--concurrency",
                "16",
                "--warm",
                "5000",
                "--target",
                "20000",
                "--done",
                "/tmp/peer.done");
        assertThat(value(work, "--redis")).isEqualTo("redis://127.0.0.1:6391");
        assertThat(value(work, "--concurrency")).isEqualTo(16);
        assertThat(value(work, "--target")).isEqualTo(20_000L);
        assertThat(value(work, "--done")).isEqualTo(Path.of("/tmp/peer.done"));
        assertThat(value(work, "--self-warm")).as("warm like a running worker").isEqualTo(20_000L);

        CommandSpec produce = SplitBench.commandLine()
                .parseArgs(
                        "produce",
                        "--redis",
                        "redis://127.0.0.1:6391",
                        "--queue",
                        "peer_bench",
                        "--n",
                        "20000",
                        "--mode",
                        "single",
                        "--rate",
                        "100.0")
                .subcommand()
                .commandSpec();
        assertThat(value(produce, "--mode")).isEqualTo(Produce.Mode.SINGLE);
        assertThat(value(produce, "--n")).isEqualTo(20_000L);
        assertThat(value(produce, "--warmup"))
                .as("warm like a running producer")
                .isEqualTo(20_000L);
    }

    @Test
    void readsTheFormsTheOldParserRead() {
        CommandSpec produce = parse("produce", "--n=20_000", "--mode=paced", "--cleanup", "--rate", "100");
        assertThat(value(produce, "--n")).isEqualTo(20_000L);
        assertThat(value(produce, "--mode")).isEqualTo(Produce.Mode.PACED);
        assertThat(value(produce, "--cleanup")).isEqualTo(true);
        assertThat(value(produce, "--rate")).isEqualTo(100.0);

        CommandSpec run = SplitBench.commandLine()
                .parseArgs("run", "--rate", "100, 1000,5000", "--latency-seconds", "2.5", "--jvm-opts", "-Xmx256m")
                .subcommand()
                .commandSpec();
        assertThat(value(run, "--rate")).isEqualTo(List.of(100.0, 1000.0, 5000.0));
        assertThat(value(run, "--latency-seconds")).isEqualTo(Duration.ofMillis(2500));
        assertThat(value(run, "--jvm-opts")).isEqualTo("-Xmx256m");

        CommandSpec filter = SplitBench.commandLine()
                .parseArgs("filter", "--keep-schema", "true", "--tickers", "50")
                .subcommand()
                .commandSpec();
        assertThat(value(filter, "--keep-schema")).isEqualTo(true);
        assertThat(value(filter, "--tickers")).isEqualTo(50);
    }

    @Test
    void refusesABadValueWithExit2AndTheOptionsName() {
        assertThat(commandLine.execute("run", "--concurrency", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--concurrency must be at least 1, was 0", "Usage: split-bench run");
    }

    @Test
    void refusesWhatItCannotReadWithExit2() {
        assertRefused(new String[] {"run", "--tasks", "many"}, "'many' is not a whole number");
        assertRefused(new String[] {"run", "--tasks", "1", "--tasks", "2"}, "should be specified only once");
        assertRefused(new String[] {"run", "--phases", "enqueue,warp"}, "'warp'");
        assertRefused(new String[] {"run", "--rate", "100,-5"}, "--rate must be a positive number, was -5.0");
        assertRefused(new String[] {"run", "--latency-seconds", "0"}, "'0' is not a positive number of seconds");
        assertRefused(
                new String[] {"work", "--concurency", "64", "--target", "1", "--done", "/tmp/done"},
                "Unknown options: '--concurency'");
        assertRefused(new String[] {"work", "--target", "10"}, "Missing required option: '--done=PATH'");
        assertRefused(new String[] {"produce", "--mode", "paced", "--n", "5"}, "--mode paced needs --rate");
        assertRefused(new String[] {"produce", "--mode", "bulk", "--n", "5", "--threads", "2"}, "for --mode single");
        assertRefused(new String[] {"produce", "--mode", "bulk", "--n", "5", "--prefix", "a*"}, "'a*'");
        assertRefused(new String[] {"produce", "--cleanup", "yes", "--mode", "bulk", "--n", "5"}, "'yes'");
        assertRefused(new String[] {"soak", "--chunk", "10"}, "--chunk must be at least 1000, was 10");
        assertRefused(new String[] {"journal", "--jdbc-url", "jdbc:mysql://host/schema"}, "not a schema");
        assertRefused(
                new String[] {"journal", "--event-srv-jar", "/nonexistent/event-srv.jar"},
                "--event-srv-jar: no such file: /nonexistent/event-srv.jar");
        assertRefused(new String[] {"filter", "--years", "0"}, "--years must be at least 1, was 0");
        assertRefused(new String[] {"selection", "--passing", "1.5"}, "--passing must be between 0 and 1");
        assertRefused(new String[] {"selection", "--buy-threshold", "0.3"}, "must be below buy-threshold (0.3)");
        assertRefused(new String[] {}, "missing command");
    }

    private static void assertRefused(String[] argv, String message) {
        CommandLine commandLine = SplitBench.commandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));

        assertThat(commandLine.execute(argv)).as(String.join(" ", argv)).isEqualTo(2);
        assertThat(err.toString()).as(String.join(" ", argv)).contains(message);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(commandLine.execute("help")).isZero();
        assertThat(out.toString())
                .contains(
                        "run",
                        "produce",
                        "work",
                        "soak",
                        "journal",
                        "logs",
                        "refresh",
                        "chaos",
                        "store",
                        "filter",
                        "selection");
    }

    @Test
    void chaosNamesItsScenariosAndRefusesBadOptionsBeforeStartingAStack() {
        assertThat(commandLine.execute("chaos", "--help")).isZero();
        assertThat(out.toString()).contains("--scenarios", "REDIS_KILLED_ALWAYS", "MARIADB_STOPPED", "Default: 2000");

        assertRefused(new String[] {"chaos", "--tasks", "0"}, "--tasks must be at least 1");
        assertRefused(new String[] {"chaos", "--scenarios", "REDIS_EXPLODED"}, "--scenarios");
    }

    @Test
    void eachCommandsHelpListsItsOptionsAndDefaults() {
        assertThat(commandLine.execute("filter", "--help")).isZero();
        assertThat(out.toString()).contains("--tickers", "--runs", "--url, --jdbc-url", "Default: 500");

        assertThat(commandLine.execute("help", "produce")).isZero();
        assertThat(out.toString()).contains("--mode", "--prefix");
    }
}
