package com.split.bench;

import com.zaxxer.hikari.HikariDataSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A benchmark of a service's own classes on {@link SyntheticMarket} tickers, in a throwaway schema that holds every
 * table it needs: {@code store}, {@code filter} and {@code selection}.
 */
abstract class ServiceBench extends BenchCommand {

    @Option(names = "--tickers", defaultValue = "500")
    private int tickers;

    @Option(names = "--years", defaultValue = "2", description = "of daily bars")
    private int years;

    @Mixin
    private DatabaseOptions database;

    private final String schemaPrefix;
    private final String[] migrations;

    /**
     * @param schemaPrefix the schema's name, before its random suffix
     * @param migrations the classpath locations of the migrations that build the schema's tables
     */
    protected ServiceBench(String schemaPrefix, String... migrations) {
        this.schemaPrefix = schemaPrefix;
        this.migrations = migrations;
    }

    @Override
    protected void check() {
        atLeast("--tickers", tickers, 1);
        atLeast("--years", years, 1);
    }

    @Override
    protected final void run() {
        try (ThrowawaySchema schema = database.throwaway(schemaPrefix);
                HikariDataSource pool = schema.pool(connections(), migrations)) {
            err().printf("throwaway schema %s%n", schema.name());
            measure(schema.describeServer(), pool);
        }
    }

    /**
     * Runs the benchmark on the migrated schema.
     *
     * @param server the server's URL and version, for the first line of the report
     */
    protected abstract void measure(String server, HikariDataSource pool);

    /** How many connections the benchmark uses at once. */
    protected int connections() {
        return 2;
    }

    protected final int tickers() {
        return tickers;
    }

    protected final int years() {
        return years;
    }
}
