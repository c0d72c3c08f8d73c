package com.split.tasks.test;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The MySQL half of {@link SplitTestInfrastructure}: a MySQL 8.4 container when a Docker engine answers, else the
 * server at {@code SPLIT_TEST_MYSQL_URL} (default {@code jdbc:mysql://127.0.0.1:3306/}) as {@code
 * SPLIT_TEST_MYSQL_USER} / {@code SPLIT_TEST_MYSQL_PASSWORD} (default {@code split_test} / {@code split_test}).
 *
 * <p>Whichever it is, the context's JDBC URL names a throwaway schema ({@link SplitTestEnvironment#schema()}), created
 * when the DataSource is built and dropped when the context closes; a context that builds no DataSource never
 * connects. Skipped where Spring Boot's JDBC support is not on the classpath, so Redis-only modules can import {@link
 * SplitTestInfrastructure} too.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails")
@Import({SplitTestEnvironmentConfiguration.class, SplitTestMysql.Docker.class, SplitTestMysql.Local.class})
public class SplitTestMysql {

    static final String URL = "SPLIT_TEST_MYSQL_URL";

    static final String USER = "SPLIT_TEST_MYSQL_USER";

    static final String PASSWORD = "SPLIT_TEST_MYSQL_PASSWORD";

    /**
     * Spring caches every test context with its connection pool, and a pool keeps its maximum open by default: a
     * module's integration tests would hold 10-20 idle connections per cached context and exhaust the server's
     * {@code max_connections} (151) before the last class starts. Pools still grow to their maximum under load.
     */
    @Bean
    DynamicPropertyRegistrar splitTestIdlePools() {
        return registry -> {
            registry.add("spring.datasource.hikari.minimum-idle", () -> 1);
            registry.add("spring.datasource.hikari.idle-timeout", () -> 10_000); // ms: Hikari binds a plain long
        };
    }

    // static: a post-processor must exist before the beans it wraps
    @Bean
    static ThrowawaySchemas splitTestThrowawaySchemas(ObjectProvider<SplitTestEnvironment> environment) {
        return new ThrowawaySchemas(environment);
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Conditional(TestServers.DockerMysql.class)
    @ImportAutoConfiguration(ServiceConnectionAutoConfiguration.class)
    static class Docker {

        @Bean
        @ServiceConnection
        MySQLContainer splitTestMysqlContainer() {
            return SharedContainers.mysql();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Conditional(TestServers.LocalMysql.class)
    static class Local {

        private static final Logger log = LoggerFactory.getLogger(SplitTestMysql.class);

        @Bean
        JdbcConnectionDetails splitTestJdbcConnectionDetails(Environment environment) {
            LocalJdbcConnectionDetails details = new LocalJdbcConnectionDetails(
                    environment.getProperty(URL, "jdbc:mysql://127.0.0.1:3306/"),
                    environment.getProperty(USER, "split_test"),
                    environment.getProperty(PASSWORD, "split_test"));
            log.info(
                    "Tests use the MySQL at {} (without Docker; {}, {} and {} change it)",
                    details,
                    URL,
                    USER,
                    PASSWORD);
            return details;
        }
    }

    record LocalJdbcConnectionDetails(String jdbcUrl, String username, String password)
            implements JdbcConnectionDetails {

        @Override
        public String getJdbcUrl() {
            return jdbcUrl;
        }

        @Override
        public String getUsername() {
            return username;
        }

        @Override
        public String getPassword() {
            return password;
        }

        @Override
        public String toString() {
            return "%s as %s".formatted(jdbcUrl, username); // no password in logs
        }
    }
}
