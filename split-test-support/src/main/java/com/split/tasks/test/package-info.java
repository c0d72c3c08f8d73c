/**
 * The servers of every module's integration tests: the Redis and MySQL each test context runs against ({@link
 * com.split.tasks.test.SplitTestInfrastructure}), and private Redis processes for tests that restart or cluster Redis
 * ({@link com.split.tasks.test.RedisServerProcess}, {@link com.split.tasks.test.LocalRedisCluster}) or stop the
 * database ({@link com.split.tasks.test.MariaDbServerProcess}).
 */
@NullMarked
package com.split.tasks.test;

import org.jspecify.annotations.NullMarked;
