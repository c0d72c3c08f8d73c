package com.split.portfolio;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The messages data-orchestrator sends portfolio-mngr about a run ({@code run_progress}, {@code run_completed}), as
 * the brief's contract spells them, for tests to publish with the real {@link com.split.tasks.bus.TaskPublisher}.
 */
public record OrchestratorMessages(JsonMapper mapper) {

    /** How long every finished step took, by its {@code started_at} and {@code finished_at}. */
    public static final Duration STEP_TOOK = Duration.ofMillis(1500);

    /** What a refresh run recommends for a ticker in the tests: fixed by the ticker, so tests can expect it. */
    public static String decisionOf(String ticker) {
        return List.of("BUY", "HOLD", "SELL").get(Math.floorMod(ticker.hashCode(), 3));
    }

    public TaskEnvelope progress(String sessionId, long portfolioId, Step step) {
        return message(TaskType.RUN_PROGRESS, sessionId, progressPayload(portfolioId, step))
                .build();
    }

    /** A {@code run_progress} that may be tried {@code 1 + maxRetries} times. */
    public TaskEnvelope progress(String sessionId, long portfolioId, Step step, int maxRetries) {
        return message(TaskType.RUN_PROGRESS, sessionId, progressPayload(portfolioId, step))
                .maxRetries(maxRetries)
                .build();
    }

    private ObjectNode progressPayload(long portfolioId, Step step) {
        ObjectNode payload = mapper.createObjectNode()
                .put("portfolio_id", portfolioId)
                .put("step", step.step())
                .put("state", step.state())
                .put("tickers_total", step.total())
                .put("tickers_done", step.done())
                .put("tickers_failed", step.failed())
                .put("sequence", step.sequence());
        Instant now = now();
        if (step.state().equals("running")) {
            payload.put("started_at", now.toString()).putNull("finished_at");
        } else {
            payload.put("started_at", now.minus(STEP_TOOK).toString()).put("finished_at", now.toString());
        }
        ArrayNode tasks = payload.putArray("task_ids");
        step.taskIds().forEach(id -> tasks.add(id.toString()));
        dropped(payload, step.dropped());
        return payload;
    }

    /**
     * A step's progress.
     *
     * @param dropped ticker to reason
     */
    public record Step(
            String step,
            String state,
            int total,
            int done,
            int failed,
            long sequence,
            List<UUID> taskIds,
            Map<String, String> dropped) {

        public static Step of(String step, String state, int total, int done, long sequence) {
            return new Step(step, state, total, done, 0, sequence, List.of(UUID.randomUUID()), Map.of());
        }
    }

    /** The window of closes each recommendation but the last reports: {@link StockPricesFixture} fills it. */
    public static final LocalDate PRICES_FROM = LocalDate.of(2026, 9, 1);

    public static final LocalDate PRICES_TO = LocalDate.of(2026, 11, 30);

    /** A {@code run_completed} recommending {@link #decisionOf} for each ticker. */
    public TaskEnvelope completed(
            String sessionId,
            long portfolioId,
            String status,
            @Nullable String reason,
            List<String> tickers,
            Map<String, String> dropped) {
        ObjectNode payload = mapper.createObjectNode()
                .put("portfolio_id", portfolioId)
                .put("status", status)
                .put("reason", reason)
                .put("finished_at", now().toString());
        dropped(payload, dropped);
        ArrayNode recommendations = payload.putArray("recommendations");
        for (int i = 0; i < tickers.size(); i++) {
            String ticker = tickers.get(i);
            String decision = decisionOf(ticker);
            double score = 0.9 - i * 0.05;
            ObjectNode recommendation = recommendations
                    .addObject()
                    .put("ticker", ticker)
                    .put("decision", decision)
                    .put("score", score)
                    .put("weight", decision.equals("BUY") ? 0.25 : 0.0)
                    .put("reasons", "%s: score %.2f from liquidity and profitability".formatted(decision, score));
            // the last one as from a final-sel that reports no parts or prices; the others in two parts that add up to
            // the score, with the window of their closes
            if (i < tickers.size() - 1) {
                recommendation
                        .putObject("prices")
                        .put("from", PRICES_FROM.toString())
                        .put("to", PRICES_TO.toString());
                ArrayNode parts = recommendation.putArray("score_parts");
                parts.addObject()
                        .put("name", "liquidity")
                        .put("score", score)
                        .put("weight", 0.6)
                        .put("known", true);
                parts.addObject()
                        .put("name", "profitability")
                        .put("score", score)
                        .put("weight", 0.4)
                        .put("known", i % 2 == 0);
            }
        }
        return message(TaskType.RUN_COMPLETED, sessionId, payload).build();
    }

    private static TaskEnvelope.Builder message(TaskType type, String sessionId, ObjectNode payload) {
        return TaskEnvelope.builder(type)
                .initiator("data-orchestrator", "stand-in")
                .sessionId(sessionId)
                .payload(payload);
    }

    /** The orchestrator's clock, at the milliseconds the tables keep. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void dropped(ObjectNode payload, Map<String, String> dropped) {
        ArrayNode list = payload.putArray("dropped");
        dropped.forEach(
                (ticker, reason) -> list.addObject().put("ticker", ticker).put("reason", reason));
    }
}
