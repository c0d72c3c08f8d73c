package com.split.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.split.tasks.TaskIds;
import com.split.tasks.TaskStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RunMessagesTests {

    static final List<String> TICKERS = List.of("AAPL", "MSFT", "XYZ");

    final RunMessages messages = new RunMessages(RunStates.MAPPER);
    final List<ChildSpec> fetch = new RunPlanner(2, TaskIds::newId).fetch(TICKERS);

    @Test
    void progressOfARunningStepCountsItsTickersSoFar() {
        RunStates run = RunStates.fetching(TICKERS, fetch)
                .succeeded(fetch.get(0))
                .succeeded(fetch.get(1))
                .ended(fetch.get(2), TaskStatus.FAILURE, "HTTP 500", Map.of())
                .sequence(4);

        JsonNode progress = messages.progress(run.state(), Step.FETCH);

        assertThat(RunStates.asRead(progress)).isEqualTo(RunStates.json("""
                        {"portfolio_id": 1, "step": "fetch", "state": "running", "tickers_total": 3,
                         "tickers_done": 2, "tickers_failed": 1, "started_at": "2026-11-24T10:00:00.123Z",
                         "finished_at": null, "task_ids": [%s],
                         "dropped": [{"ticker": "XYZ", "reason": "HTTP 500"}], "sequence": 4}""".formatted(String.join(
                ", ",
                fetch.stream()
                        .map(child -> '"' + child.taskId().toString() + '"')
                        .toList()))));
    }

    @Test
    void progressOfAStepNotBegunIsRefused() {
        RunState run = RunStates.fetching(TICKERS, fetch).state();

        assertThatIllegalArgumentException().isThrownBy(() -> messages.progress(run, Step.SELECT));
    }

    @Test
    void completedRunCarriesTheSelectionsRecommendationsAndTheFetchStepsDrops() {
        ChildSpec filter = RunStates.child(Step.FILTER, 0, List.of("AAPL", "MSFT"));
        ChildSpec select = RunStates.child(Step.SELECT, 0, List.of("AAPL", "MSFT"));
        List<Map<String, Object>> recommendations = List.of(
                Map.of("ticker", "AAPL", "decision", "BUY", "score", 0.64, "weight", 0.3, "reasons", "cheap"),
                Map.of("ticker", "MSFT", "decision", "SELL", "score", 0.2, "weight", 0, "reasons", "leverage"));
        RunStates run = RunStates.fetching(TICKERS, fetch)
                .succeeded(fetch.get(0))
                .succeeded(fetch.get(1))
                .ended(
                        fetch.get(2),
                        TaskStatus.SUCCESS,
                        null,
                        Map.of(
                                "tickers",
                                Map.of(
                                        "XYZ",
                                        Map.of("result", "unknown_symbol", "detail", "Quote not found for symbol"))))
                .succeeded(fetch.get(3))
                .began(filter, RunStates.START.plusSeconds(2))
                .succeeded(filter)
                .began(select, RunStates.START.plusSeconds(3))
                .ended(select, TaskStatus.SUCCESS, null, Map.of("tickers", 2, "recommendations", recommendations))
                .endedRun(RunStatus.SUCCESS, null, StepState.DONE, RunStates.START.plusSeconds(4));

        JsonNode completed = messages.completed(run.state());

        assertThat(RunStates.asRead(completed)).isEqualTo(RunStates.json("""
                        {"portfolio_id": 1, "status": "SUCCESS", "reason": null,
                         "started_at": "2026-11-24T10:00:00.123Z", "finished_at": "2026-11-24T10:00:04.123Z",
                         "dropped": [{"ticker": "XYZ", "reason": "Quote not found for symbol"}],
                         "recommendations": [
                           {"ticker": "AAPL", "decision": "BUY", "score": 0.64, "weight": 0.3, "reasons": "cheap"},
                           {"ticker": "MSFT", "decision": "SELL", "score": 0.2, "weight": 0, "reasons": "leverage"}]}"""));
    }

    @Test
    void failedRunHasItsReasonAndNoRecommendations() {
        RunStates run = RunStates.fetching(TICKERS, fetch);
        fetch.forEach(child -> run.ended(child, TaskStatus.FAILURE, "provider down", Map.of()));
        run.endedRun(
                RunStatus.FAILURE,
                "no ticker left after the fetch step: all 3 were dropped",
                StepState.FAILED,
                RunStates.START.plusSeconds(1));

        JsonNode completed = messages.completed(run.state());

        assertThat(completed.get("status").asString()).isEqualTo("FAILURE");
        assertThat(completed.get("reason").asString())
                .isEqualTo("no ticker left after the fetch step: all 3 were dropped");
        assertThat(completed.get("recommendations")).isEmpty();
        assertThat(completed.get("dropped")).hasSize(3);
        assertThat(messages.progress(run.state(), Step.FETCH).get("state").asString())
                .isEqualTo("failed");
    }

    @Test
    void runningRunHasNoCompletion() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        messages.completed(RunStates.fetching(TICKERS, fetch).state()));
    }
}
