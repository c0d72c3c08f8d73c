package com.split.tasks.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.test.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code redis} health contributor against a private Redis that answers, is paused, is frozen or is gone: DOWN by
 * its deadline in each case, where Spring Boot's own waits for Lettuce's 60 s command timeout. The contributor is
 * looked up by name in the registry the health endpoint reads, and asked as the endpoint asks it.
 */
class RedisHealthIntegrationTests {

    /** The deadline of the issue: a readiness probe answers within 2 s. */
    static final Duration BOUND = Duration.ofSeconds(2);

    @AutoClose
    final RedisServerProcess server = RedisServerProcess.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataRedisAutoConfiguration.class,
                    RedisHealthAutoConfiguration.class,
                    DataRedisReactiveHealthContributorAutoConfiguration.class,
                    DataRedisHealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class))
            .withPropertyValues("spring.data.redis.port=" + server.port());

    @Test
    void redisIsUpWhileTheServerAnswers() {
        runner.run(context -> {
            Health health = check(context);

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKey("version");
        });
    }

    @Test
    void redisIsDownByTheDeadlineWhileTheServerIsPaused() {
        runner.run(context -> {
            assertThat(check(context).getStatus()).isEqualTo(Status.UP);
            pauseClients(Duration.ofSeconds(3));

            assertDownWithinBound(context, "no answer within PT1S");
            awaitUp(context);
        });
    }

    @Test
    void redisIsDownByTheDeadlineWhileTheServerIsFrozen() {
        runner.run(context -> {
            assertThat(check(context).getStatus()).isEqualTo(Status.UP);
            server.suspend();
            try {
                assertDownWithinBound(context, "no answer within PT1S");
                assertDownWithinBound(context, "no answer within PT1S"); // the first check left behind holds nothing
            } finally {
                server.resume();
            }
            assertThat(check(context).getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void redisIsDownByTheDeadlineOnceTheServerIsGone() {
        runner.run(context -> {
            assertThat(check(context).getStatus()).isEqualTo(Status.UP);
            server.stop();

            // the refusal or the deadline, whichever comes first: Lettuce holds commands while it reconnects
            assertDownWithinBound(context, "");
        });
    }

    @Test
    void redisIsDownByTheDeadlineWhenTheServerNeverAnsweredAndIsFrozen() {
        server.suspend();
        try {
            runner.withPropertyValues("split.health.redis-timeout=500ms")
                    .run(context -> assertDownWithinBound(context, "no answer within PT0.5S"));
        } finally {
            server.resume();
        }
    }

    @Test
    void deadlineIsAConfigurationSetting() {
        runner.withPropertyValues("split.health.redis-timeout=300ms").run(context -> {
            pauseClients(Duration.ofSeconds(3));
            long start = System.nanoTime();

            Health health = check(context);

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300), BOUND);
            awaitUp(context);
        });
    }

    private static void assertDownWithinBound(AssertableApplicationContext context, String error) {
        long start = System.nanoTime();

        Health health = check(context);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(health.getDetails().get("error"))).contains(error);
        assertThat(took).as("time the redis indicator took").isLessThan(BOUND);
    }

    /** UP again once the pause is over (and the server can be shut down: a paused SHUTDOWN waits too). */
    private static void awaitUp(AssertableApplicationContext context) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> check(context).getStatus().equals(Status.UP));
    }

    /** As the health endpoint does: the contributor named {@code redis}, with details, blocking for its answer. */
    private static Health check(AssertableApplicationContext context) {
        ReactiveHealthContributorRegistry registry = context.getBean(ReactiveHealthContributorRegistry.class);
        ReactiveHealthIndicator redis = (ReactiveHealthIndicator) registry.getContributor("redis");
        assertThat(redis).as("the redis contributor").isNotNull();
        Health health = redis.health(true).block();
        assertThat(health).isNotNull();
        return health;
    }

    /** {@code CLIENT PAUSE ALL}: Redis holds every command of every client, {@code INFO} and {@code PING} included. */
    private void pauseClients(Duration pause) {
        RedisClient client = RedisClient.create(server.uri().toString());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().clientPause(pause.toMillis());
        } finally {
            client.shutdown();
        }
    }
}
