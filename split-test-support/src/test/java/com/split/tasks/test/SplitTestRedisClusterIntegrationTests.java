package com.split.tasks.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

@SpringBootTest(classes = SplitTestRedisClusterIntegrationTests.App.class)
@Import(SplitTestRedisCluster.class)
class SplitTestRedisClusterIntegrationTests {

    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DataRedisAutoConfiguration.class)
    static class App {}

    @Autowired
    RedisConnectionFactory connectionFactory;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    SplitTestEnvironment environment;

    @Autowired
    LocalRedisCluster cluster;

    @Value("${split.bus.key-prefix}")
    String keyPrefix;

    @Test
    void connectsToTheClusterInsteadOfAStandaloneRedis() {
        assertThat(connectionFactory)
                .isInstanceOfSatisfying(
                        LettuceConnectionFactory.class,
                        lettuce -> assertThat(lettuce.isClusterAware()).isTrue());
        assertThat(connectionFactory.getClusterConnection().clusterGetNodes()).hasSize(3);
        assertThat(cluster.nodes()).hasSize(3);
    }

    @Test
    void keysOfOneQueueRoundTripUnderThePrefix() {
        String ready = environment.keyPrefix() + ":{yahoo_tasks}:ready";

        redis.opsForList().leftPush(ready, "envelope");

        assertThat(redis.opsForList().rightPop(ready)).isEqualTo("envelope");
        assertThat(keyPrefix).isEqualTo(environment.keyPrefix());
    }
}
