package com.split.events.queue;

import com.split.tasks.bus.QueueInspector.DeadLetterEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * One dead letter.
 *
 * @param envelope the envelope when it is a valid one
 * @param envelopeText the envelope as it was on the bus when it is not (or the whole entry when that is not a dead
 *     letter record)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record DeadLetterView(
        @Nullable String taskId,
        @Nullable String taskType,
        @Nullable String reason,
        @Nullable Instant failedAt,
        @Nullable String workerId,
        @Nullable Integer attempt,
        @Nullable JsonNode envelope,
        @Nullable String envelopeText) {

    static DeadLetterView of(DeadLetterEntry entry, JsonMapper mapper) {
        var letter = entry.letter();
        var task = entry.task();
        String text = null;
        if (task == null) {
            text = letter == null
                    ? new String(entry.record(), StandardCharsets.UTF_8)
                    : new String(letter.envelopeBytes(), StandardCharsets.UTF_8);
        }
        return new DeadLetterView(
                entry.taskId() == null ? null : entry.taskId().toString(),
                task == null ? null : task.taskType(),
                letter == null ? "not a dead-letter record" : letter.reason(),
                letter == null ? null : letter.failedAt(),
                letter == null ? null : letter.workerId(),
                task == null ? null : task.attempt(),
                task == null ? null : mapper.readTree(letter.envelopeBytes()),
                text);
    }
}
