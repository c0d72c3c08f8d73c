package com.split.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A schema that one run creates on the server, named with a random suffix, and drops when closed (unless kept): the
 * one schema this code ever drops is the one it created.
 */
final class ThrowawaySchema implements AutoCloseable {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z_]{0,40}");

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String name;
    private final boolean keep;

    private ThrowawaySchema(String serverUrl, String user, String password, String name, boolean keep) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.name = name;
        this.keep = keep;
    }

    static ThrowawaySchema create(String serverUrl, String user, String password, String prefix, boolean keep) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a schema prefix is lower case letters and '_', was " + prefix);
        }
        String name = prefix + "_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        ThrowawaySchema schema = new ThrowawaySchema(serverUrl, user, password, name, keep);
        schema.server().sql("CREATE DATABASE " + name).update();
        return schema;
    }

    String name() {
        return name;
    }

    /** The server's JDBC URL, without the schema. */
    String serverUrl() {
        return serverUrl;
    }

    /** The server's URL and version, for a report's first line. */
    String describeServer() {
        return "%s (%s)"
                .formatted(
                        serverUrl,
                        server().sql("SELECT VERSION()").query(String.class).single());
    }

    /**
     * A pool of {@code size} connections to the schema, set up as the services set up theirs (one multi-row statement
     * per batch, UTC for DATETIME columns), after the migrations at these classpath {@code locations} have run, each
     * owner's with its own history table as in the services ({@code db/migration/split_stocks} records in
     * {@code flyway_history_split_stocks}). The caller closes it before the schema.
     */
    HikariDataSource pool(int size, String... locations) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(serverUrl + name);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(size);
        pool.addDataSourceProperty("rewriteBatchedStatements", "true");
        pool.setConnectionInitSql("SET time_zone = '+00:00'");
        try {
            for (String location : locations) {
                Flyway.configure()
                        .dataSource(pool)
                        .locations("classpath:" + location)
                        .table("flyway_history_" + location.substring(location.lastIndexOf('/') + 1))
                        // a schema that already holds another owner's tables is not empty: start its history at 0
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load()
                        .migrate();
            }
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Boots a service as it runs in production, without its web server, on the schema. Services share this classpath
     * and its one {@code application.properties}: what a service's own file sets, such as its name and its Flyway
     * location, goes in {@code args}.
     */
    ConfigurableApplicationContext boot(Class<?> application, String... args) {
        List<String> all = new ArrayList<>(List.of("--spring.main.banner-mode=off"));
        all.addAll(datasourceArgs());
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .run(all.toArray(String[]::new));
    }

    /** The arguments that point a service at the schema. */
    List<String> datasourceArgs() {
        return List.of(
                "--spring.datasource.url=" + serverUrl + name,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password);
    }

    /** Statements on the schema, a connection each. */
    JdbcClient jdbc() {
        return JdbcClient.create(new DriverManagerDataSource(serverUrl + name, user, password));
    }

    @Override
    public void close() {
        if (keep) {
            System.err.printf("kept schema %s%n", name);
        } else {
            server().sql("DROP DATABASE " + name).update();
        }
    }

    private JdbcClient server() {
        return JdbcClient.create(new DriverManagerDataSource(serverUrl, user, password));
    }
}
