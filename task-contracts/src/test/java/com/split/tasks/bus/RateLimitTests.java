package com.split.tasks.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.split.tasks.bus.worker.WorkerSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTests {

    @Test
    void readsTasksPerDuration() {
        assertThat(RateLimit.parse("limit", "50/1s")).isEqualTo(new RateLimit(50, Duration.ofSeconds(1)));
        assertThat(RateLimit.parse("limit", " 600 / 1m ")).isEqualTo(new RateLimit(600, Duration.ofMinutes(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"50", "50/", "/1s", "fifty/1s", "0/1s", "5/0s", "5/-1s"})
    void refusesAnythingElseNamingTheProperty(String raw) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RateLimit.parse("split.bus.worker.rate-limits.yahoo_tasks", raw))
                .withMessageStartingWith("split.bus.worker.rate-limits.yahoo_tasks must be <tasks>/<duration>");
    }

    @Test
    void workerSettingsRefuseABadLimitOrQueueAtStartUp() {
        WorkerSettings defaults = WorkerSettings.defaults();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> withLimits(defaults, Map.of("yahoo_tasks", "lots")))
                .withMessageContaining("split.bus.worker.rate-limits.yahoo_tasks");
        assertThat(withLimits(defaults, Map.of("yahoo_tasks", "10/1s")).rateLimits())
                .containsEntry("yahoo_tasks", "10/1s");
    }

    private static WorkerSettings withLimits(WorkerSettings base, Map<String, String> limits) {
        return new WorkerSettings(
                base.enabled(),
                base.concurrency(),
                base.claimBatch(),
                base.pollTimeout(),
                base.lease(),
                base.heartbeatInterval(),
                base.reapInterval(),
                base.promoteInterval(),
                base.cancelCheckInterval(),
                base.shutdownGrace(),
                base.hardTimeoutGrace(),
                base.statsInterval(),
                limits);
    }
}
