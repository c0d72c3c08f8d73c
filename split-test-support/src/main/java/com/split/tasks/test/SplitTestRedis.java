package com.split.tasks.test;

import com.redis.testcontainers.RedisContainer;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The Redis half of {@link SplitTestInfrastructure}, for tests that need no database: a Redis 7 container when a
 * Docker engine answers, else the server at {@code SPLIT_TEST_REDIS_URL} (default {@code redis://127.0.0.1:6379}),
 * plus a unique {@code split.bus.key-prefix} whose keys are deleted when the context closes.
 *
 * <p>A context without a reachable Redis fails at startup, saying how to start one.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({SplitTestEnvironmentConfiguration.class, SplitTestRedis.Docker.class, SplitTestRedis.Local.class})
public class SplitTestRedis {

    static final String URL = "SPLIT_TEST_REDIS_URL";

    static final String DEFAULT_URL = "redis://127.0.0.1:6379";

    @Bean
    RedisKeyCleanup splitTestRedisKeyCleanup(
            SplitTestEnvironment environment, ObjectProvider<DataRedisConnectionDetails> connectionDetails) {
        return new RedisKeyCleanup(environment.keyPrefix(), connectionDetails);
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Conditional(TestServers.DockerRedis.class)
    @ImportAutoConfiguration(ServiceConnectionAutoConfiguration.class)
    static class Docker {

        @Bean
        @ServiceConnection
        RedisContainer splitTestRedisContainer() {
            return SharedContainers.redis();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Conditional(TestServers.LocalRedis.class)
    static class Local {

        private static final Logger log = LoggerFactory.getLogger(SplitTestRedis.class);

        @Bean
        DataRedisConnectionDetails splitTestRedisConnectionDetails(Environment environment) {
            LocalRedisConnectionDetails details =
                    LocalRedisConnectionDetails.of(URI.create(environment.getProperty(URL, DEFAULT_URL)));
            if (!details.answers()) {
                throw new IllegalStateException(
                        "No Redis answers at %s (%s), and Testcontainers has no Docker engine to start one. %s"
                                .formatted(details, URL, TestServers.START_HINT));
            }
            log.info("Tests use the Redis at {} (without Docker; {} changes it)", details, URL);
            return details;
        }
    }
}
