package com.split.tasks.test;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Runs a context against a three-master {@link LocalRedisCluster} instead of a standalone Redis: import it in place of
 * {@link SplitTestRedis} (add {@link SplitTestMysql} for a database). The {@link LocalRedisCluster} bean is the
 * context's own: it starts with the context and stops after the Redis connection factory when the context closes.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SplitTestEnvironmentConfiguration.class)
public class SplitTestRedisCluster {

    @Bean(destroyMethod = "close")
    LocalRedisCluster splitTestRedisCluster() {
        return LocalRedisCluster.start();
    }

    @Bean
    DataRedisConnectionDetails splitTestRedisClusterConnectionDetails(LocalRedisCluster cluster) {
        return cluster.connectionDetails();
    }
}
