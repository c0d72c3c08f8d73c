package com.split.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.split.tasks.TaskIds;
import com.split.tasks.TaskStatus;
import com.split.tasks.TaskType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunPlannerTests {

    static final List<String> TEN = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "JPM", "JNJ", "XOM", "KO", "WMT");

    final RunPlanner planner = new RunPlanner(4, TaskIds::newId);

    @Test
    void chunksKeepTheTickersInOrderWithTheRemainderLast() {
        assertThat(RunPlanner.chunks(TEN, 4)).containsExactly(TEN.subList(0, 4), TEN.subList(4, 8), TEN.subList(8, 10));
        assertThat(RunPlanner.chunks(TEN.subList(0, 8), 4)).hasSize(2);
        assertThat(RunPlanner.chunks(TEN, 50)).containsExactly(TEN);
        assertThat(RunPlanner.chunks(List.of(), 4)).isEmpty();
    }

    @Test
    void fetchStepHasOnePricesAndOneFundamentalsTaskPerChunk() {
        List<ChildSpec> fetch = planner.fetch(TEN);

        assertThat(fetch).extracting(ChildSpec::chunk).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(fetch)
                .extracting(ChildSpec::type)
                .containsExactly(
                        TaskType.FETCH_PRICES,
                        TaskType.FETCH_FUNDAMENTALS,
                        TaskType.FETCH_PRICES,
                        TaskType.FETCH_FUNDAMENTALS,
                        TaskType.FETCH_PRICES,
                        TaskType.FETCH_FUNDAMENTALS);
        assertThat(fetch.get(5).tickers()).containsExactly("KO", "WMT");
        assertThat(fetch).extracting(ChildSpec::taskId).doesNotHaveDuplicates();
        assertThat(fetch.get(3).idempotencyKey("run-1")).isEqualTo("run-1:fetch:1:fetch_fundamentals");
    }

    @Test
    void refusesAChunkSizeBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RunPlanner(0, TaskIds::newId));
    }

    @Test
    void completeFetchStepGoesOnToOneFilterTaskForTheTickersNotDropped() {
        List<ChildSpec> fetch = planner.fetch(TEN);
        RunStates run = RunStates.fetching(TEN, fetch);
        fetch.forEach(run::succeeded);
        run.ended(fetch.get(3), TaskStatus.FAILURE, "HTTP 500", Map.of());

        Transition next = planner.next(run.state());

        assertThat(next).isInstanceOfSatisfying(Transition.Advance.class, advance -> {
            assertThat(advance.next()).isEqualTo(Step.FILTER);
            assertThat(advance.children()).singleElement().satisfies(child -> {
                assertThat(child.type()).isEqualTo(TaskType.INITIAL_FILTER);
                assertThat(child.tickers()).containsExactly("AAPL", "MSFT", "NVDA", "AMZN", "KO", "WMT");
            });
        });
    }

    @Test
    void fetchStepThatDropsEveryTickerFailsTheRun() {
        List<ChildSpec> fetch = planner.fetch(TEN.subList(0, 6));
        RunStates run = RunStates.fetching(TEN.subList(0, 6), fetch);
        fetch.forEach(child -> run.ended(child, TaskStatus.TIMEOUT, "ran past its deadline", Map.of()));

        assertThat(planner.next(run.state()))
                .isEqualTo(new Transition.End(
                        RunStatus.FAILURE,
                        "no ticker left after the fetch step: all 6 were dropped",
                        StepState.FAILED));
    }

    @Test
    void filterThatFailedFailsTheRunWithItsReason() {
        ChildSpec filter = RunStates.child(Step.FILTER, 0, TEN);
        RunStates run = fetched().began(filter, RunStates.START.plusSeconds(5));
        run.ended(filter, TaskStatus.FAILURE, "split_math_core unreachable", Map.of());

        assertThat(planner.next(run.state()))
                .isEqualTo(new Transition.End(
                        RunStatus.FAILURE, "initial_filter failed: split_math_core unreachable", StepState.FAILED));
    }

    @Test
    void filterWithNoDataGoesOnToSelectionOfTheSameTickers() {
        ChildSpec filter = RunStates.child(Step.FILTER, 0, TEN.subList(0, 5));
        RunStates run = fetched().began(filter, RunStates.START.plusSeconds(5));
        run.ended(filter, TaskStatus.NO_DATA, null, Map.of("tickers", 5));

        assertThat(planner.next(run.state())).isInstanceOfSatisfying(Transition.Advance.class, advance -> {
            assertThat(advance.next()).isEqualTo(Step.SELECT);
            assertThat(advance.children().getFirst().type()).isEqualTo(TaskType.FINAL_SELECTION);
            assertThat(advance.children().getFirst().tickers()).isEqualTo(TEN.subList(0, 5));
        });
    }

    @Test
    void selectionEndsTheRunSuccessOrFailure() {
        ChildSpec filter = RunStates.child(Step.FILTER, 0, TEN);
        ChildSpec select = RunStates.child(Step.SELECT, 0, TEN);
        RunStates run = fetched().began(filter, RunStates.START.plusSeconds(5)).succeeded(filter);
        run.began(select, RunStates.START.plusSeconds(6));

        assertThat(planner.next(run.succeeded(select).state()))
                .isEqualTo(new Transition.End(RunStatus.SUCCESS, null, StepState.DONE));
        assertThat(planner.next(
                        run.ended(select, TaskStatus.CANCELLED, null, Map.of()).state()))
                .isEqualTo(new Transition.End(RunStatus.FAILURE, "final_selection ended CANCELLED", StepState.FAILED));
    }

    private RunStates fetched() {
        List<ChildSpec> fetch = planner.fetch(TEN);
        RunStates run = RunStates.fetching(TEN, fetch);
        fetch.forEach(run::succeeded);
        return run;
    }
}
