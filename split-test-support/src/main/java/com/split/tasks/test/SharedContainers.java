package com.split.tasks.test;

import com.redis.testcontainers.RedisContainer;
import org.jspecify.annotations.Nullable;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Redis and MySQL containers, started once per JVM and shared by every test context in it.
 *
 * <p>Spring closes a container bean when its context closes, but cached contexts outlive each other: the containers
 * ignore {@code stop()}, and Testcontainers' Ryuk removes them when the JVM exits.
 */
final class SharedContainers {

    static final String REDIS_IMAGE = "redis:7.4";

    static final String MYSQL_IMAGE = "mysql:8.4";

    private static @Nullable RedisContainer redis;

    private static @Nullable MySQLContainer mysql;

    private SharedContainers() {}

    static synchronized RedisContainer redis() {
        RedisContainer container = redis;
        if (container == null) {
            container = new SharedRedisContainer();
            container.start();
            redis = container;
        }
        return container;
    }

    static synchronized MySQLContainer mysql() {
        MySQLContainer container = mysql;
        if (container == null) {
            // root, because every context creates and drops its own schema
            container = new SharedMySQLContainer().withUsername("root").withPassword("split_test");
            container.start();
            mysql = container;
        }
        return container;
    }

    private static final class SharedRedisContainer extends RedisContainer {

        SharedRedisContainer() {
            super(DockerImageName.parse(REDIS_IMAGE));
        }

        @Override
        public void stop() {
            // shared by every context of this JVM; Ryuk removes it at exit
        }
    }

    private static final class SharedMySQLContainer extends MySQLContainer {

        SharedMySQLContainer() {
            super(DockerImageName.parse(MYSQL_IMAGE));
        }

        @Override
        public void stop() {
            // shared by every context of this JVM; Ryuk removes it at exit
        }
    }
}
