package com.split.portfolio.refresh;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The newest progress of one step of a run, as {@code run_steps} holds it. */
record RunStep(
        String step,
        String state,
        int tickersTotal,
        int tickersDone,
        int tickersFailed,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        List<UUID> taskIds,
        List<Dropped> dropped,
        long sequence,
        Instant updatedAt) {}
