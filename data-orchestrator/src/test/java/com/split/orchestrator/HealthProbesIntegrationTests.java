package com.split.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.test.RedisServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The service's probes over HTTP while its Redis, a private one, is frozen (SIGSTOP: connections open, nothing
 * answers) or gone: readiness and the whole health answer DOWN within 2 s, liveness stays UP. Every service's
 * {@code redis} indicator is the bus's bounded one; this service stands for them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "split.bus.key-prefix=health-probes")
class HealthProbesIntegrationTests {

    /** What the issue asks of a probe on a Redis that is down or hung. */
    static final Duration BOUND = Duration.ofSeconds(2);

    @AutoClose
    static final RedisServerProcess REDIS = RedisServerProcess.start();

    @TestConfiguration(proxyBeanMethods = false)
    static class PrivateRedis {

        @Bean
        @Primary
        DataRedisConnectionDetails privateRedis() {
            return REDIS.connectionDetails();
        }
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    RestTestClient http;

    RestTestClient management;

    @BeforeEach
    void ready() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        management = RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + managementPort)
                .build();
        // Lettuce reconnects with backoff after a test that stopped Redis.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> probe(http, "/readyz").status() == 200);
    }

    @Test
    void theApiPortServesTheProbesOnlyAndTheManagementPortTheRest() {
        assertThat(probe(http, "/livez").status()).isEqualTo(200);
        assertThat(probe(http, "/actuator/health").status()).isEqualTo(404);
        assertThat(probe(http, "/actuator/prometheus").status()).isEqualTo(401);
        assertThat(probe(management, "/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
        assertThat(probe(management, "/actuator/prometheus").body()).contains("jvm_threads_live_threads");
    }

    @Test
    void readinessIsDownWithinTwoSecondsAndLivenessUpWhileRedisIsFrozen() {
        REDIS.suspend();
        try {
            assertAnswersWithinBound(http, "/readyz", 503, "DOWN");
            assertAnswersWithinBound(management, "/actuator/health", 503, "DOWN");
            assertAnswersWithinBound(http, "/livez", 200, "UP");
        } finally {
            REDIS.resume();
        }
    }

    @Test
    void readinessIsDownWithinTwoSecondsAndLivenessUpWhileRedisIsGone() {
        REDIS.stop();
        try {
            assertAnswersWithinBound(http, "/readyz", 503, "DOWN");
            assertAnswersWithinBound(management, "/actuator/health", 503, "DOWN");
            assertAnswersWithinBound(http, "/livez", 200, "UP");
        } finally {
            REDIS.restart();
        }
    }

    private void assertAnswersWithinBound(RestTestClient server, String path, int status, String health) {
        Probe answer = probe(server, path);

        assertThat(answer.status()).as("status of %s", path).isEqualTo(status);
        assertThat(answer.body()).as("body of %s", path).contains("\"status\":\"" + health + "\"");
        assertThat(answer.took()).as("time %s took", path).isLessThan(BOUND);
    }

    private static Probe probe(RestTestClient server, String path) {
        long start = System.nanoTime();
        var result = server.get().uri(path).exchange().returnResult(String.class);
        return new Probe(
                result.getStatus().value(),
                String.valueOf(result.getResponseBody()),
                Duration.ofNanos(System.nanoTime() - start));
    }

    record Probe(int status, String body, Duration took) {}
}
