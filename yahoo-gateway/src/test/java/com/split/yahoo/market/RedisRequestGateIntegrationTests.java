package com.split.yahoo.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.bus.RedisState;
import com.split.tasks.test.SplitIntegrationTest;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The gate on real Redis: two gates with one key prefix are two instances of the service. */
@SplitIntegrationTest
class RedisRequestGateIntegrationTests {

    @Autowired
    BusRedis redis;

    @Autowired
    RedisKeys keys;

    final String prefix = "gate-" + UUID.randomUUID();

    @Test
    void instancesShareOneRequestSchedule() {
        YahooProperties properties = properties(Duration.ofMillis(300), 5, Duration.ofSeconds(5));
        RequestGate first = gate(properties);
        RequestGate second = gate(properties);

        long start = System.nanoTime();
        first.acquire().close();
        second.acquire().close();
        first.acquire().close();
        second.acquire().close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void oneRequestIsInFlightAtATimeAcrossInstances() {
        RequestGate first = gate(properties(Duration.ZERO, 5, Duration.ofSeconds(5)));
        RequestGate second = gate(properties(Duration.ZERO, 5, Duration.ofSeconds(5)));
        RequestGate.Permit held = first.acquire();

        CompletableFuture<RequestGate.Permit> waiting = CompletableFuture.supplyAsync(second::acquire);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !waiting.isDone());
        held.close();
        await().atMost(Duration.ofSeconds(2)).until(waiting::isDone);
        waiting.join().close();
    }

    @Test
    void aSlotTooFarAwayIsARateLimitInsteadOfAWait() {
        RequestGate gate = gate(properties(Duration.ofSeconds(3), 5, Duration.ofSeconds(5)));
        gate.acquire().close();

        // max-backoff (2 s here) bounds how long a request queues for its slot.
        assertThatThrownBy(gate::acquire)
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.delay()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3)));
    }

    @Test
    void the429sInARowDoubleTheDelayUntilAnAnswerEndsTheRun() {
        RequestGate first = gate(properties(Duration.ZERO, 5, Duration.ofSeconds(5)));
        RequestGate second = gate(properties(Duration.ZERO, 5, Duration.ofSeconds(5)));

        assertThat(first.rateLimited(null)).isEqualTo(Duration.ofMillis(100));
        assertThat(second.rateLimited(null)).isEqualTo(Duration.ofMillis(200));
        assertThat(first.rateLimited(Duration.ofSeconds(1)))
                .as("Retry-After wins when longer")
                .isEqualTo(Duration.ofSeconds(1));
        second.answered();
        assertThat(first.rateLimited(null)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void theBreakerOpensAfterTheThresholdAndFailsRequestsFastWithTheTimeLeft() {
        RequestGate first = gate(properties(Duration.ZERO, 2, Duration.ofSeconds(30)));
        RequestGate second = gate(properties(Duration.ZERO, 2, Duration.ofSeconds(30)));
        first.acquire().close();

        first.rateLimited(null);
        assertThat(second.rateLimited(null))
                .as("the task waits out the breaker")
                .isEqualTo(Duration.ofSeconds(30));

        assertThatThrownBy(second::acquire)
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.delay())
                                .isGreaterThan(Duration.ofSeconds(25))
                                .isLessThanOrEqualTo(Duration.ofSeconds(30)));
    }

    private RequestGate gate(YahooProperties properties) {
        return new RedisRequestGate(new RedisState(redis, new RedisKeys(keys.prefix() + ":" + prefix)), properties);
    }

    private static YahooProperties properties(Duration interval, int breakerThreshold, Duration breakerOpen) {
        URI unused = URI.create("http://127.0.0.1:9");
        return new YahooProperties(
                unused,
                unused,
                unused,
                "test",
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                interval,
                1,
                Duration.ofMillis(100),
                Duration.ofSeconds(2),
                breakerThreshold,
                breakerOpen);
    }
}
