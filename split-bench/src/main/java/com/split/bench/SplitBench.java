package com.split.bench;

import java.io.IOException;

/**
 * The bench's entry point: {@code produce}, {@code work}, {@code run}, {@code soak}, {@code journal}, {@code logs} or {@code refresh}, with plain {@code --name value}
 * options. Public only because the jar launcher calls it.
 */
public final class SplitBench {

    static final String USAGE = """
            usage: java -jar split-bench.jar <command> [options]
              run      --tasks N --concurrency C [--claim-batch B] [--redis URL] [--rate 100,1000]
                       [--latency-seconds S] [--warm W] [--producer-warmup K] [--producer-threads T] [--phases enqueue,drain,e2e,latency]
                       [--jvm-opts "..."] [--worker-jvm-opts "..."] [--dir PATH] [--max-seconds S]
              produce  --queue Q --n N --mode single|bulk|paced [--rate R] [--prefix P] [--redis URL]
                       [--warmup K] [--threads T] [--cleanup] [--max-seconds S]
              work     --queue Q --concurrency C --warm W --target N --done PATH [--claim-batch B] [--prefix P]
                       [--redis URL] [--gc-stats] [--keep-keys] [--max-seconds S]
              soak     --tasks 1000000 --concurrency C [--chunk K] [--claim-batch B] [--redis URL] [--jvm-opts "..."]
              journal  [--tasks 100000] [--warm 20000] [--rate 2000] [--seconds 30] [--concurrency C] [--batch-size 500]
                       [--phases throughput,lag] [--jdbc-url jdbc:mysql://127.0.0.1:3306/] [--db-user U] [--db-password P]
                       [--redis URL] [--keep-schema] [--jvm-opts "..."] [--dir PATH] [--max-seconds S]
              logs     [--calls N] [--warmup W] [--threads T] [--records N] [--batch-size B] [--redis URL]
              refresh  [--tickers 10] [--runs 3] [--url http://127.0.0.1:8081] [--max-seconds 300]
                       (a running stack: bin/split up; over 100 tickers it needs SPLIT_PORTFOLIO_MAX_TICKERS)
            Times are System.nanoTime() seconds; Redis defaults to redis://127.0.0.1:6379.
            """;

    private SplitBench() {}

    public static void main(String[] argv) throws IOException, InterruptedException {
        Args args;
        try {
            args = Args.parse(argv);
            switch (args.command()) {
                case "produce" -> System.out.println(Json.line(Produce.run(args)));
                case "work" -> Work.run(args);
                case "run" -> Run.run(args, System.out);
                case "soak" -> Soak.run(args, System.out);
                case "journal" -> Journal.run(args, System.out);
                case "logs" -> LogShipping.run(args, System.out);
                case "refresh" -> Refresh.run(args, System.out);
                default -> throw new IllegalArgumentException("unknown command '" + args.command() + "'");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("split-bench: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        }
        // Lettuce's event loops are not daemon threads: leave explicitly once the command is done.
        System.exit(0);
    }
}
