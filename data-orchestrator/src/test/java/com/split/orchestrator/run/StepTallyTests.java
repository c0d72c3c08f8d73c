package com.split.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.TaskIds;
import com.split.tasks.TaskStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepTallyTests {

    static final List<String> TICKERS = List.of("AAPL", "MSFT", "XYZ", "KO", "JPM");

    final List<ChildSpec> fetch = new RunPlanner(2, TaskIds::newId).fetch(TICKERS);

    StepTally tally(RunStates run) {
        RunState state = run.state();
        return StepTally.of(Step.FETCH, TICKERS, state.children(Step.FETCH), state.endings());
    }

    @Test
    void nothingEndedNothingCounted() {
        assertThat(tally(RunStates.fetching(TICKERS, fetch))).isEqualTo(new StepTally(5, 0, Map.of()));
    }

    @Test
    void chunkCountsAsDoneOnceBothItsTasksEnded() {
        RunStates run = RunStates.fetching(TICKERS, fetch).succeeded(fetch.get(0));
        assertThat(tally(run).done()).isZero();

        run.succeeded(fetch.get(1));
        assertThat(tally(run).done()).isEqualTo(2);
    }

    @Test
    void failedCancelledOrTimedOutTaskDropsEveryTickerOfItsChunkWithItsError() {
        RunStates run = RunStates.fetching(TICKERS, fetch)
                .ended(fetch.get(1), TaskStatus.FAILURE, "failed after 4 attempts: HTTP 500", Map.of())
                .ended(fetch.get(4), TaskStatus.CANCELLED, null, Map.of());

        StepTally tally = tally(run);

        assertThat(tally.dropped())
                .containsExactly(
                        Map.entry("AAPL", "failed after 4 attempts: HTTP 500"),
                        Map.entry("MSFT", "failed after 4 attempts: HTTP 500"),
                        Map.entry("JPM", "fetch_prices ended CANCELLED"));
        assertThat(tally.failed()).isEqualTo(3);
        assertThat(tally.done()).isZero();
        assertThat(tally.kept(TICKERS)).containsExactly("XYZ", "KO");
    }

    @Test
    void unknownSymbolIsDroppedWithItsDetailAndTheRestOfItsChunkStays() {
        Map<String, Object> details = Map.of(
                "tickers",
                Map.of(
                        "XYZ", Map.of("result", "unknown_symbol", "rows", 0, "detail", "Quote not found for symbol"),
                        "KO", Map.of("result", "written", "rows", 502)));
        RunStates run = RunStates.fetching(TICKERS, fetch)
                .ended(fetch.get(2), TaskStatus.SUCCESS, null, details)
                .ended(fetch.get(3), TaskStatus.NO_DATA, null, Map.of("tickers", Map.of()));

        StepTally tally = tally(run);

        assertThat(tally.dropped()).containsExactly(Map.entry("XYZ", "Quote not found for symbol"));
        assertThat(tally.done()).isEqualTo(1);
    }

    @Test
    void earlierTaskOfAChunkGivesTheReasonWhicheverEndedFirst() {
        Map<String, Object> unknown =
                Map.of("tickers", Map.of("XYZ", Map.of("result", "unknown_symbol", "detail", "delisted")));
        RunStates fundamentalsFirst = RunStates.fetching(TICKERS, fetch)
                .ended(fetch.get(3), TaskStatus.FAILURE, "crumb refused", Map.of())
                .ended(fetch.get(2), TaskStatus.SUCCESS, null, unknown);
        RunStates pricesFirst = RunStates.fetching(TICKERS, fetch)
                .ended(fetch.get(2), TaskStatus.SUCCESS, null, unknown)
                .ended(fetch.get(3), TaskStatus.FAILURE, "crumb refused", Map.of());

        assertThat(tally(fundamentalsFirst).dropped())
                .isEqualTo(tally(pricesFirst).dropped())
                .containsExactly(Map.entry("XYZ", "delisted"), Map.entry("KO", "crumb refused"));
    }

    @Test
    void laterStepsReadNoTickerResultsFromTheirDetails() {
        ChildSpec filter = RunStates.child(Step.FILTER, 0, TICKERS);
        RunStates run = RunStates.fetching(TICKERS, fetch);
        fetch.forEach(run::succeeded);
        run.began(filter, RunStates.START).ended(filter, TaskStatus.SUCCESS, null, Map.of("tickers", 5, "passed", 3));
        RunState state = run.state();

        assertThat(StepTally.of(Step.FILTER, state.tickers(Step.FILTER), state.children(Step.FILTER), state.endings()))
                .isEqualTo(new StepTally(5, 5, Map.of()));
    }
}
