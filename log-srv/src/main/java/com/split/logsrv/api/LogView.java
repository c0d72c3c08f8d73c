package com.split.logsrv.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A stored log record; {@code traceId} is the W3C trace id of one logged within a span, {@code metadata} holds the rest
 * of what it carried: logger, thread, instance, exception (with its stack trace), traceparent and other MDC entries.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record LogView(
        String id,
        Instant timestamp,
        String level,
        String module,
        @Nullable String userId,
        @Nullable String sessionId,
        @Nullable String taskId,
        @Nullable String traceId,
        String message,
        JsonNode metadata) {}
