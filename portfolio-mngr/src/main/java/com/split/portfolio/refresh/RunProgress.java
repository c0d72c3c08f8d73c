package com.split.portfolio.refresh;

import com.split.tasks.TaskType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code run_progress} payload: where one step of a run stands. Within a run {@code sequence} grows with every
 * message, so of two messages about one step the one with the higher sequence is the newer.
 *
 * @param step {@code fetch}, {@code filter} or {@code select} (a later orchestrator may add steps)
 * @param state {@code running}, {@code done} or {@code failed}
 * @param taskIds the bus tasks the step published
 */
record RunProgress(
        long portfolioId,
        String step,
        String state,
        int tickersTotal,
        int tickersDone,
        int tickersFailed,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        List<UUID> taskIds,
        List<Dropped> dropped,
        long sequence) {

    static final Set<String> STATES = Set.of("running", "done", "failed");

    private static final Pattern STEP = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final String TYPE = TaskType.RUN_PROGRESS.name();

    /** The payload as it arrives: everything may be missing until checked. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Wire(
            @Nullable Long portfolioId,
            @Nullable String step,
            @Nullable String state,
            @Nullable Integer tickersTotal,
            @Nullable Integer tickersDone,
            @Nullable Integer tickersFailed,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable List<UUID> taskIds,
            @Nullable List<Dropped> dropped,
            @Nullable Long sequence) {}

    /** @throws com.split.tasks.bus.worker.PermanentTaskFailure if the payload breaks the contract */
    static RunProgress parse(JsonMapper mapper, JsonNode payload) {
        Wire wire = Payloads.read(mapper, TYPE, payload, Wire.class);
        String step = Payloads.require(TYPE, wire.step(), "step");
        if (!STEP.matcher(step).matches()) {
            throw Payloads.invalid(TYPE, "step must be a lower-case name such as fetch, was '%s'".formatted(step));
        }
        String state = Payloads.require(TYPE, wire.state(), "state");
        if (!STATES.contains(state)) {
            throw Payloads.invalid(TYPE, "state must be one of running, done, failed, was '%s'".formatted(state));
        }
        long sequence = Payloads.require(TYPE, wire.sequence(), "sequence");
        if (sequence < 0) {
            throw Payloads.invalid(TYPE, "sequence must not be negative, was " + sequence);
        }
        List<UUID> taskIds = wire.taskIds() == null ? List.of() : wire.taskIds();
        if (taskIds.stream().anyMatch(Objects::isNull)) {
            throw Payloads.invalid(TYPE, "task_ids must not hold null");
        }
        return new RunProgress(
                Payloads.portfolioId(TYPE, wire.portfolioId()),
                step,
                state,
                Payloads.count(TYPE, wire.tickersTotal(), "tickers_total"),
                Payloads.count(TYPE, wire.tickersDone(), "tickers_done"),
                Payloads.count(TYPE, wire.tickersFailed(), "tickers_failed"),
                wire.startedAt(),
                wire.finishedAt(),
                List.copyOf(taskIds),
                Payloads.dropped(TYPE, wire.dropped()),
                sequence);
    }
}
