package com.split.tasks.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Redis and MySQL every SPLit integration test runs against: {@code @ServiceConnection} containers (Redis 7,
 * MySQL 8.4, started once per JVM) when a Docker engine answers, else the servers on this machine (see {@link
 * SplitTestRedis} and {@link SplitTestMysql} for the environment variables). Each context gets its own {@code
 * split.bus.key-prefix} and its own MySQL schema, both described by the {@link SplitTestEnvironment} bean.
 *
 * <p>Import it with {@code @Import(SplitTestInfrastructure.class)}, or annotate the test with {@link
 * SplitIntegrationTest}. {@code SPLIT_TEST_SERVERS=local} skips the Docker probe.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({SplitTestRedis.class, SplitTestMysql.class})
public class SplitTestInfrastructure {}
