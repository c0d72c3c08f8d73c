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
                .isThrownBy(() -> defaults.withRateLimits(Map.of("yahoo_tasks", "lots")))
                .withMessageContaining("split.bus.worker.rate-limits.yahoo_tasks");
        assertThat(defaults.withRateLimits(Map.of("yahoo_tasks", "10/1s")).rateLimits())
                .containsEntry("yahoo_tasks", "10/1s");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> defaults.withMaxRunning(Map.of("yahoo_tasks", 0)))
                .withMessage("split.bus.worker.max-running.yahoo_tasks must be at least 1, was 0");
    }
}
