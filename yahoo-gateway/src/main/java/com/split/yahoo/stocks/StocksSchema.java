package com.split.yahoo.stocks;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The split_stocks tables built in another module's schema from this module's own migration: for the tests of the
 * modules that read them (init-filter, final-sel, portfolio-mngr) and split-bench, with this module's plain jar on
 * their classpath. yahoo-gateway itself migrates through Spring Boot's Flyway.
 */
public final class StocksSchema {

    private StocksSchema() {}

    /**
     * Creates or updates the tables, with a history table of their own beside the module's (hence the baseline: the
     * schema may already hold the module's tables).
     */
    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/split_stocks")
                .table("flyway_history_split_stocks")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
