package com.split.initfilter.filtration;

import com.split.yahoo.stocks.StocksSchema;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * yahoo-gateway's split_stocks tables in the test's own schema, from yahoo-gateway's own migration (its plain jar is a
 * test dependency), with a history table of their own beside init-filter's.
 */
@TestConfiguration(proxyBeanMethods = false)
class SplitStocksSchema {

    /** Not a Flyway bean: that would stand in for the service's own, which then would not migrate. */
    @Bean
    MigrateResult splitStocksTables(DataSource dataSource) {
        return StocksSchema.migrate(dataSource);
    }
}
