package com.split.tasks.bus.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTests {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void ceilingDoublesUntilTheCap() {
        assertThat(policy.ceiling(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.ceiling(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(policy.ceiling(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.ceiling(1_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void backoffIsJitteredWithinTheCeiling() {
        for (int attempt = 0; attempt < 10; attempt++) {
            for (int i = 0; i < 200; i++) {
                assertThat(policy.backoff(attempt)).isBetween(Duration.ZERO, policy.ceiling(attempt));
            }
        }
        assertThat(java.util.stream.IntStream.range(0, 200)
                        .mapToObj(i -> policy.backoff(8))
                        .distinct()
                        .count())
                .as("full jitter spreads retries")
                .isGreaterThan(100);
    }

    @Test
    void rejectsAMaxBelowTheBase() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
