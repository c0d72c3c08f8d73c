package com.split.events.task;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the task actions.
 *
 * @param cancelTtl how long a cancel request stays in {@code split:{Q}:cancelled}: a task not claimed, promoted or
 *     running within it runs after all
 * @param replayLimit the most tasks one replay-by-filter request replays
 */
@ConfigurationProperties("split.events.tasks")
record TaskActionProperties(
        @DefaultValue("7d") Duration cancelTtl,
        @DefaultValue("1000") int replayLimit) {

    TaskActionProperties {
        if (cancelTtl.isNegative() || cancelTtl.isZero()) {
            throw new IllegalArgumentException("split.events.tasks.cancel-ttl must be positive");
        }
        if (replayLimit < 1) {
            throw new IllegalArgumentException("split.events.tasks.replay-limit must be at least 1");
        }
    }
}
