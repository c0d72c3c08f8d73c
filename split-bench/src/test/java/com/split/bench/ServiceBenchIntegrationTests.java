package com.split.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine;

/**
 * {@code store}, {@code filter} and {@code selection} on a few tickers against the test MySQL/MariaDB (as the modules'
 * integration tests find it without Docker: {@code SPLIT_TEST_MYSQL_URL}, {@code _USER}, {@code _PASSWORD}): each
 * reports, and drops the schema it created.
 */
class ServiceBenchIntegrationTests {

    private static final String URL =
            Objects.requireNonNullElse(System.getenv("SPLIT_TEST_MYSQL_URL"), "jdbc:mysql://127.0.0.1:3306/");
    private static final String USER = Objects.requireNonNullElse(System.getenv("SPLIT_TEST_MYSQL_USER"), "split_test");
    private static final String PASSWORD =
            Objects.requireNonNullElse(System.getenv("SPLIT_TEST_MYSQL_PASSWORD"), "split_test");

    private static final Pattern SCHEMA = Pattern.compile("throwaway schema (\\w+)");

    @ParameterizedTest
    @CsvSource({
        "store, 'stock_prices holds 3,'",
        "filter, '\"score_method\":'",
        "selection, '\"details_bytes\":'",
    })
    void reportsOnAFewTickersAndDropsItsSchema(String command, String reported) {
        CommandLine commandLine = SplitBench.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute(
                command, "--tickers", "12", "--years", "1", "--url", URL, "--user", USER, "--password", PASSWORD);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("12 tickers x 1 years", reported);
        Matcher schema = SCHEMA.matcher(err.toString());
        assertThat(schema.find()).as(err.toString()).isTrue();
        assertThat(JdbcClient.create(new DriverManagerDataSource(URL, USER, PASSWORD))
                        .sql("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?")
                        .param(schema.group(1))
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
