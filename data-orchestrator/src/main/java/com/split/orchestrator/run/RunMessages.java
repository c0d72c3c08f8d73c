package com.split.orchestrator.run;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payloads of the messages to portfolio-mngr, built from a run's state alone, so that a handler running twice
 * builds the same {@code run_completed}:
 *
 * <pre>
 * run_progress  {"portfolio_id", "step", "state", "tickers_total", "tickers_done", "tickers_failed", "started_at",
 *                "finished_at", "task_ids", "dropped": [{"ticker", "reason"}], "sequence"}
 * run_completed {"portfolio_id", "status", "reason", "started_at", "finished_at", "dropped", "recommendations"}
 * </pre>
 *
 * {@code dropped} is always the run's: the tickers the fetch step dropped (so far, while it runs).
 */
final class RunMessages {

    private final JsonMapper mapper;

    RunMessages(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code run_progress} of one begun step, numbered with the state's sequence. */
    ObjectNode progress(RunState run, Step step) {
        RunState.StepProgress progress = run.steps().get(step);
        if (progress == null) {
            throw new IllegalArgumentException("step %s of run %s has not begun".formatted(step, run.sessionId()));
        }
        StepTally tally = StepTally.of(step, run.tickers(step), run.children(step), run.endings());
        ObjectNode json = mapper.createObjectNode()
                .put("portfolio_id", run.portfolioId())
                .put("step", step.wireName())
                .put("state", progress.state().wireName())
                .put("tickers_total", tally.total())
                .put("tickers_done", tally.done())
                .put("tickers_failed", tally.failed())
                .put("started_at", progress.startedAt().toString());
        putInstant(json, "finished_at", progress.finishedAt());
        ArrayNode taskIds = json.putArray("task_ids");
        run.children(step).forEach(child -> taskIds.add(child.taskId().toString()));
        json.set("dropped", dropped(run));
        json.put("sequence", run.sequence());
        return json;
    }

    /** {@code run_completed} of an ended run. */
    ObjectNode completed(RunState run) {
        if (!run.ended()) {
            throw new IllegalArgumentException("run %s has not ended".formatted(run.sessionId()));
        }
        ObjectNode json = mapper.createObjectNode()
                .put("portfolio_id", run.portfolioId())
                .put("status", run.status().name())
                .put("reason", run.reason())
                .put("started_at", run.startedAt().toString());
        putInstant(json, "finished_at", run.finishedAt());
        json.set("dropped", dropped(run));
        json.set("recommendations", recommendations(run));
        return json;
    }

    /** The fetch step's dropped tickers: {@code [{"ticker", "reason"}]}. */
    ArrayNode dropped(RunState run) {
        ArrayNode dropped = mapper.createArrayNode();
        droppedTickers(run)
                .forEach((ticker, reason) ->
                        dropped.addObject().put("ticker", ticker).put("reason", reason));
        return dropped;
    }

    static Map<String, String> droppedTickers(RunState run) {
        return StepTally.of(Step.FETCH, run.tickers(), run.children(Step.FETCH), run.endings())
                .dropped();
    }

    /** final_selection's {@code details.recommendations} of a successful run; none otherwise. */
    private ArrayNode recommendations(RunState run) {
        if (run.status() == RunStatus.SUCCESS) {
            for (ChildSpec child : run.children(Step.SELECT)) {
                Ending ending = run.endings().get(child.taskId());
                JsonNode recommendations =
                        ending == null ? null : ending.details().get("recommendations");
                if (recommendations instanceof ArrayNode array) {
                    return array.deepCopy();
                }
            }
        }
        return mapper.createArrayNode();
    }

    private static void putInstant(ObjectNode json, String field, @Nullable Instant at) {
        if (at == null) {
            json.putNull(field);
        } else {
            json.put(field, at.toString());
        }
    }
}
