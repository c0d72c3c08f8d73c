package com.split.tasks.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Points every {@link JdbcConnectionDetails} of the context at the context's throwaway schema, whether the details
 * come from a {@code @ServiceConnection} container or from the local server, and drops the schema when the details
 * bean is destroyed: after the DataSource built from it, which depends on it and so is destroyed first.
 */
final class ThrowawaySchemas implements DestructionAwareBeanPostProcessor {

    private final ObjectProvider<SplitTestEnvironment> environment;

    // by bean name: Spring hands the destruction callback the raw bean, not the wrapper returned here
    private final Map<String, SchemaConnectionDetails> wrapped = new ConcurrentHashMap<>();

    ThrowawaySchemas(ObjectProvider<SplitTestEnvironment> environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JdbcConnectionDetails server && !(bean instanceof SchemaConnectionDetails)) {
            SchemaConnectionDetails details =
                    new SchemaConnectionDetails(server, environment.getObject().schema());
            wrapped.put(beanName, details);
            return details;
        }
        return bean;
    }

    @Override
    public boolean requiresDestruction(Object bean) {
        return bean instanceof JdbcConnectionDetails;
    }

    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) {
        SchemaConnectionDetails details = wrapped.remove(beanName);
        if (details != null) {
            details.drop();
        }
    }

    /**
     * Replaces the database in a MySQL/MariaDB JDBC URL ({@code jdbc:mysql://host:port/db?params}), keeping hosts and
     * parameters.
     */
    static String withDatabase(String jdbcUrl, String database) {
        int authority = jdbcUrl.indexOf("://");
        if (authority < 0) {
            throw new IllegalArgumentException("Not a jdbc:<driver>://host URL: " + jdbcUrl);
        }
        int query = jdbcUrl.indexOf('?', authority);
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String parameters = query < 0 ? "" : jdbcUrl.substring(query);
        int path = base.indexOf('/', authority + 3);
        String hosts = path < 0 ? base : base.substring(0, path);
        return hosts + "/" + database + parameters;
    }

    /**
     * The server's details with the schema as database. The schema is created on the first {@link #getJdbcUrl()}, when
     * the DataSource is built, so a context that builds none never connects.
     */
    static final class SchemaConnectionDetails implements JdbcConnectionDetails {

        private static final Logger log = LoggerFactory.getLogger(SchemaConnectionDetails.class);

        private final JdbcConnectionDetails server;

        private final String schema;

        private @Nullable String jdbcUrl;

        SchemaConnectionDetails(JdbcConnectionDetails server, String schema) {
            this.server = server;
            this.schema = schema;
        }

        @Override
        public synchronized String getJdbcUrl() {
            String url = jdbcUrl;
            if (url == null) {
                execute("CREATE DATABASE IF NOT EXISTS " + schema);
                url = withDatabase(server.getJdbcUrl(), schema);
                log.debug("Created throwaway schema {} on {}", schema, server);
                jdbcUrl = url;
            }
            return url;
        }

        @Override
        public String getUsername() {
            return server.getUsername();
        }

        @Override
        public String getPassword() {
            return server.getPassword();
        }

        @Override
        public String getDriverClassName() {
            return server.getDriverClassName();
        }

        @Override
        public @Nullable String getXaDataSourceClassName() {
            return server.getXaDataSourceClassName();
        }

        synchronized void drop() {
            if (jdbcUrl == null) {
                return;
            }
            try {
                execute("DROP DATABASE IF EXISTS " + schema);
                log.debug("Dropped throwaway schema {} on {}", schema, server);
                jdbcUrl = null;
            } catch (IllegalStateException ex) {
                log.warn("Could not drop throwaway schema {}", schema, ex);
            }
        }

        private void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(
                            server.getJdbcUrl(), server.getUsername(), server.getPassword());
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException ex) {
                throw new IllegalStateException(
                        "Could not run `%s` on %s as %s: %s. %s"
                                .formatted(sql, server.getJdbcUrl(), server.getUsername(), ex.getMessage(), HINT),
                        ex);
            }
        }

        private static final String HINT = TestServers.START_HINT
                + " `bin/test-servers up` also creates the split_test user; elsewhere set SPLIT_TEST_MYSQL_URL,"
                + " SPLIT_TEST_MYSQL_USER and SPLIT_TEST_MYSQL_PASSWORD.";
    }
}
