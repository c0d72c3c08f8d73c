package com.split.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The MySQL/MariaDB server a benchmark boots a service against: {@code --jdbc-url} (the server, no schema),
 * {@code --db-user}, {@code --db-password}, defaulting to the test servers'. Each run works in a throwaway schema.
 */
record BenchDatabase(String serverUrl, String user, String password) {

    static final List<String> OPTIONS = List.of("jdbc-url", "db-user", "db-password", "keep-schema");
    static final String DEFAULT_URL = "jdbc:mysql://127.0.0.1:3306/";

    private static final Pattern SERVER_URL = Pattern.compile("jdbc:(mysql|mariadb)://[^/?]+/");

    static BenchDatabase from(Args args) {
        String url = args.string("jdbc-url", DEFAULT_URL);
        if (!SERVER_URL.matcher(url).matches()) {
            throw new IllegalArgumentException(
                    "--jdbc-url names the server, not a schema: jdbc:mysql://host:port/, was " + url);
        }
        return new BenchDatabase(url, args.string("db-user", "split_test"), args.string("db-password", "split_test"));
    }

    JdbcClient server() {
        return JdbcClient.create(new DriverManagerDataSource(serverUrl, user, password));
    }

    void create(String schema) {
        server().sql("CREATE DATABASE " + schema).update();
    }

    void drop(String schema) {
        server().sql("DROP DATABASE " + schema).update();
    }

    /**
     * Boots a service as it runs in production, without its web server, on the schema. Services share this classpath
     * and its one {@code application.properties}: what a service's own file sets, such as its name and its Flyway
     * location, goes in {@code args}.
     */
    ConfigurableApplicationContext boot(Class<?> application, String schema, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + serverUrl + schema,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .run(all.toArray(String[]::new));
    }
}
