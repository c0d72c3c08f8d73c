package com.split.tasks;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A task on the wire: what to do, for whom, and how often it may be tried. Serialized as snake_case JSON by
 * {@link com.split.tasks.codec.TaskCodec}; the JSON Schema is {@code com/split/tasks/schema/task-envelope-v1.json}.
 *
 * <p>Fields this version does not know are kept in {@link #extensions()} and written back unchanged, so an envelope
 * from a newer publisher survives a retry through an older worker. Immutable.
 */
@JsonPropertyOrder({
    "schema_version",
    "task_id",
    "task_type",
    "queue",
    "priority",
    "attempt",
    "redeliveries",
    "max_retries",
    "timeout_ms",
    "expires_at",
    "initiator",
    "target_module",
    "user_id",
    "session_id",
    "parent_task_id",
    "created_at",
    "idempotency_key",
    "traceparent",
    "reply_to",
    "tickers",
    "payload"
})
public record TaskEnvelope(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) UUID taskId,
        @JsonProperty(required = true) String taskType,
        @JsonProperty(required = true) QueueName queue,
        // optional: absent, null or a level this version does not know is normal, and normal is not written
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = TaskPriority.OmitNormal.class)
        TaskPriority priority,

        @JsonProperty(required = true) Initiator initiator,
        @JsonProperty(required = true) String targetModule,
        @JsonProperty(required = true) String userId,
        @JsonProperty(required = true) String sessionId,
        @Nullable UUID parentTaskId,
        @JsonProperty(required = true) List<String> tickers,
        @JsonProperty(required = true) ObjectNode payload,
        @JsonProperty(required = true) Instant createdAt,
        @JsonProperty(required = true) int attempt,
        // optional: absent (older publishers, other languages) is 0, and 0 is not written
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY)
        int redeliveries,

        @JsonProperty(required = true) int maxRetries,
        @JsonProperty(required = true) long timeoutMs,
        @Nullable Instant expiresAt,
        @Nullable String idempotencyKey,
        @Nullable String traceparent,
        @Nullable QueueName replyTo,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extensions) {

    public static final int SCHEMA_VERSION = 1;
    public static final String DEFAULT_USER = "user_zero";

    public TaskEnvelope {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException(
                    "unsupported schema_version %d (this version reads %d)".formatted(schemaVersion, SCHEMA_VERSION));
        }
        require(taskId, "task_id");
        Initiator.requireText(taskType, "task_type");
        require(queue, "queue");
        priority = priority == null ? TaskPriority.NORMAL : priority;
        require(initiator, "initiator");
        Initiator.requireText(targetModule, "target_module");
        Initiator.requireText(userId, "user_id");
        Initiator.requireText(sessionId, "session_id");
        require(tickers, "tickers");
        for (String ticker : tickers) { // immutable lists throw NPE on contains(null)
            if (ticker == null) {
                throw new IllegalArgumentException("tickers must not contain null");
            }
        }
        tickers = List.copyOf(tickers);
        require(payload, "payload");
        require(createdAt, "created_at");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be 0 or more, was " + attempt);
        }
        if (redeliveries < 0) {
            throw new IllegalArgumentException("redeliveries must be 0 or more, was " + redeliveries);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max_retries must be 0 or more, was " + maxRetries);
        }
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeout_ms must be positive, was " + timeoutMs);
        }
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    private static void require(@Nullable Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    /** The same task for its next attempt; everything else, unknown fields included, stays as it was. */
    public TaskEnvelope withAttempt(int nextAttempt) {
        return copy(priority, nextAttempt, redeliveries);
    }

    /** The same task at another priority, e.g. a scheduled refresh at {@link TaskPriority#LOW}. */
    public TaskEnvelope withPriority(TaskPriority level) {
        return copy(level, attempt, redeliveries);
    }

    /**
     * The same task for a rerun that is not its doing: its worker shut down before it ended, or the claim's reply was
     * lost. The attempt goes up, as every run's does, and so do {@code redeliveries}, which do not count against
     * {@code max_retries}: a task that keeps meeting rolling deploys is never dead-lettered for it.
     */
    public TaskEnvelope redelivered() {
        return copy(priority, attempt + 1, redeliveries + 1);
    }

    private TaskEnvelope copy(TaskPriority level, int nextAttempt, int nextRedeliveries) {
        return new TaskEnvelope(
                schemaVersion,
                taskId,
                taskType,
                queue,
                level,
                initiator,
                targetModule,
                userId,
                sessionId,
                parentTaskId,
                tickers,
                payload,
                createdAt,
                nextAttempt,
                nextRedeliveries,
                maxRetries,
                timeoutMs,
                expiresAt,
                idempotencyKey,
                traceparent,
                replyTo,
                extensions);
    }

    /** Whether another attempt is allowed after {@link #attempt()} failed or lost its worker. */
    public boolean hasRetriesLeft() {
        return countedAttempts() <= maxRetries;
    }

    /** The runs so far, this one included, that count against {@code max_retries}: all but the redeliveries. */
    public int countedAttempts() {
        return attempt + 1 - Math.min(redeliveries, attempt);
    }

    public static Builder builder(TaskType type) {
        return new Builder(type);
    }

    /**
     * Builds envelopes with a fresh UUIDv7, the routing of the task type, and the bus defaults. Built inside a running
     * task, an envelope continues that task's trace ({@link Traceparent#forNewTask()}).
     */
    public static final class Builder {

        private final TaskType type;
        private UUID taskId = TaskIds.newId();
        private TaskPriority priority = TaskPriority.NORMAL;
        private Initiator initiator = new Initiator("unknown", "unknown");
        private String userId = DEFAULT_USER;
        private @Nullable String sessionId;
        private @Nullable UUID parentTaskId;
        private List<String> tickers = new ArrayList<>();
        private ObjectNode payload = JsonNodeFactory.instance.objectNode();
        private Clock clock = Clock.systemUTC();
        private int attempt;
        private int maxRetries = 5;
        private Duration timeout = Duration.ofSeconds(60);
        private @Nullable Instant expiresAt;
        private @Nullable String idempotencyKey;
        private @Nullable String traceparent = Traceparent.forNewTask();
        private @Nullable QueueName replyTo;
        private final Map<String, JsonNode> extensions = new LinkedHashMap<>();

        private Builder(TaskType type) {
            this.type = type;
        }

        public Builder taskId(UUID taskId) {
            this.taskId = taskId;
            return this;
        }

        /** How soon the task is claimed among its queue's waiting tasks; {@link TaskPriority#NORMAL} by default. */
        public Builder priority(TaskPriority priority) {
            this.priority = priority;
            return this;
        }

        public Builder initiator(String module, String instance) {
            this.initiator = new Initiator(module, instance);
            return this;
        }

        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder parentTaskId(@Nullable UUID parentTaskId) {
            this.parentTaskId = parentTaskId;
            return this;
        }

        public Builder tickers(String... tickers) {
            return tickers(Arrays.asList(tickers));
        }

        public Builder tickers(List<String> tickers) {
            this.tickers = new ArrayList<>(tickers);
            return this;
        }

        public Builder payload(ObjectNode payload) {
            this.payload = payload;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder attempt(int attempt) {
            this.attempt = attempt;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder expiresAt(@Nullable Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder idempotencyKey(@Nullable String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public Builder traceparent(@Nullable String traceparent) {
            this.traceparent = traceparent;
            return this;
        }

        /** Where the worker sends a {@code task_finished} notice when this task ends (a fan-in's join). */
        public Builder replyTo(@Nullable QueueName replyTo) {
            this.replyTo = replyTo;
            return this;
        }

        public Builder extension(String name, JsonNode value) {
            this.extensions.put(name, value);
            return this;
        }

        public TaskEnvelope build() {
            if (sessionId == null) {
                throw new IllegalArgumentException("session_id is required: every task belongs to a session");
            }
            return new TaskEnvelope(
                    SCHEMA_VERSION,
                    taskId,
                    type.name(),
                    type.queue(),
                    priority,
                    initiator,
                    type.targetModule(),
                    userId,
                    sessionId,
                    parentTaskId,
                    tickers,
                    payload,
                    clock.instant(),
                    attempt,
                    0,
                    maxRetries,
                    timeout.toMillis(),
                    expiresAt,
                    idempotencyKey,
                    traceparent,
                    replyTo,
                    extensions);
        }
    }
}
