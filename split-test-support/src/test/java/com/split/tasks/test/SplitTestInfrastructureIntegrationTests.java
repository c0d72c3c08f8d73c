package com.split.tasks.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.testcontainers.DockerClientFactory;

@SplitIntegrationTest(classes = SplitTestInfrastructureIntegrationTests.App.class)
class SplitTestInfrastructureIntegrationTests {

    // Only the auto-configurations these tests touch: the context is the harness and what it configures.
    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({
        ServiceConnectionAutoConfiguration.class,
        DataRedisAutoConfiguration.class,
        DataSourceAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class,
        JdbcClientAutoConfiguration.class
    })
    static class App {}

    private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(
            ServiceConnectionAutoConfiguration.class,
            DataRedisAutoConfiguration.class,
            DataSourceAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class,
            JdbcClientAutoConfiguration.class);

    @Autowired
    SplitTestEnvironment environment;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @Value("${split.bus.key-prefix}")
    String keyPrefix;

    @Test
    void busKeyPrefixIsTheContextsOwn() {
        assertThat(keyPrefix).isEqualTo(environment.keyPrefix()).startsWith("test-");
    }

    @Test
    void redisKeepsKeysUnderThePrefix() {
        String key = environment.keyPrefix() + ":{probe}:ready";

        redis.opsForList().leftPush(key, "envelope");

        assertThat(redis.opsForList().rightPop(key)).isEqualTo("envelope");
    }

    @Test
    void dataSourceUsesTheThrowawaySchema() {
        assertThat(jdbc.sql("SELECT DATABASE()").query(String.class).single()).isEqualTo(environment.schema());

        jdbc.sql("CREATE TABLE probe (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL)")
                .update();
        jdbc.sql("INSERT INTO probe (id, name) VALUES (1, 'one')").update();

        assertThat(jdbc.sql("SELECT name FROM probe WHERE id = 1")
                        .query(String.class)
                        .single())
                .isEqualTo("one");
        assertThat(schemaExists(environment.schema())).isTrue();
    }

    @Test
    void closingAContextDropsItsSchemaAndDeletesItsKeys() {
        AtomicReference<SplitTestEnvironment> other = new AtomicReference<>();

        new ApplicationContextRunner()
                .withConfiguration(AUTO_CONFIGURATIONS)
                .withUserConfiguration(SplitTestInfrastructure.class)
                .run(context -> {
                    SplitTestEnvironment environment = context.getBean(SplitTestEnvironment.class);
                    other.set(environment);
                    context.getBean(JdbcClient.class)
                            .sql("CREATE TABLE probe (id BIGINT PRIMARY KEY)")
                            .update();
                    context.getBean(StringRedisTemplate.class)
                            .opsForValue()
                            .set(environment.keyPrefix() + ":{probe}:dedupe:1", "seen");

                    assertThat(environment.schema()).isNotEqualTo(this.environment.schema());
                    assertThat(schemaExists(environment.schema())).isTrue();
                    assertThat(redis.hasKey(environment.keyPrefix() + ":{probe}:dedupe:1"))
                            .isTrue();
                });

        assertThat(schemaExists(other.get().schema())).isFalse();
        assertThat(redis.keys(other.get().keyPrefix() + "*")).isEmpty();
    }

    @Test
    void redisAloneWorksWithoutJdbcOnTheClasspath() {
        new ApplicationContextRunner()
                .withClassLoader(new FilteredClassLoader(JdbcConnectionDetails.class))
                .withConfiguration(AutoConfigurations.of(
                        ServiceConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
                .withUserConfiguration(SplitTestInfrastructure.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(DataRedisConnectionDetails.class);
                    assertThat(context).doesNotHaveBean("splitTestThrowawaySchemas");
                    assertThat(context).doesNotHaveBean(JdbcConnectionDetails.class);
                    StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
                    String key = context.getBean(SplitTestEnvironment.class).keyPrefix() + ":{probe}:ready";
                    redis.opsForValue().set(key, "envelope");
                    assertThat(redis.opsForValue().get(key)).isEqualTo("envelope");
                });
    }

    @Test
    void contextWithoutDataSourceNeverCreatesItsSchema() {
        AtomicReference<String> schema = new AtomicReference<>();

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        ServiceConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
                .withUserConfiguration(SplitTestInfrastructure.class)
                .run(context -> {
                    schema.set(context.getBean(SplitTestEnvironment.class).schema());
                    assertThat(schemaExists(schema.get())).isFalse();
                });
    }

    @Test
    void failsFastWithHowToStartRedisWhenNoneAnswers() {
        new ApplicationContextRunner()
                .withConfiguration(AUTO_CONFIGURATIONS)
                .withUserConfiguration(SplitTestInfrastructure.class)
                .withPropertyValues(
                        "SPLIT_TEST_SERVERS=local",
                        "SPLIT_TEST_REDIS_URL=redis://127.0.0.1:" + ServerProcesses.freePort())
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("No Redis answers at redis://127.0.0.1:")
                        .hasMessageContaining("bin/test-servers up")
                        .hasMessageContaining("redis-server --daemonize yes"));
    }

    @Test
    void failsFastWithHowToStartMysqlWhenNoneAnswers() {
        new ApplicationContextRunner()
                .withConfiguration(AUTO_CONFIGURATIONS)
                .withUserConfiguration(SplitTestInfrastructure.class)
                .withPropertyValues(
                        "SPLIT_TEST_SERVERS=local",
                        "SPLIT_TEST_MYSQL_URL=jdbc:mysql://127.0.0.1:" + ServerProcesses.freePort() + "/")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("Could not run `CREATE DATABASE IF NOT EXISTS split_test_")
                        .hasStackTraceContaining("bin/test-servers up")
                        .hasStackTraceContaining("service mariadb start"));
    }

    @Test
    void dockerModeSaysSoWhenNoEngineAnswers() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine answers here");

        new ApplicationContextRunner()
                .withConfiguration(AUTO_CONFIGURATIONS)
                .withUserConfiguration(SplitTestInfrastructure.class)
                .withPropertyValues("SPLIT_TEST_SERVERS=docker")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("SPLIT_TEST_SERVERS=docker, but no Docker engine answers"));
    }

    private boolean schemaExists(String schema) {
        return jdbc.sql("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?")
                        .param(schema)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
