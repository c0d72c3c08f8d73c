package com.split.portfolio.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.split.tasks.bus.worker.PermanentTaskFailure;
import com.split.tasks.codec.TaskCodec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class RunCompletedTests {

    static final JsonMapper MAPPER = new TaskCodec().mapper();

    static ObjectNode payload() {
        ObjectNode payload = MAPPER.createObjectNode()
                .put("portfolio_id", 3)
                .put("status", "SUCCESS")
                .putNull("reason")
                .put("started_at", "2026-11-25T22:00:00.000Z")
                .put("finished_at", "2026-11-25T22:00:09.000Z");
        payload.putArray("dropped").addObject().put("ticker", "XYZ").put("reason", "no prices");
        ArrayNode recommendations = payload.putArray("recommendations");
        recommendations
                .addObject()
                .put("ticker", "AAPL")
                .put("decision", "BUY")
                .put("score", 0.64)
                .put("weight", 0.3)
                .put("reasons", "strong profitability")
                .putArray("score_parts")
                .add(MAPPER.createObjectNode()
                        .put("name", "quality")
                        .put("score", 0.8)
                        .put("weight", 0.5)
                        .put("known", true))
                .add(MAPPER.createObjectNode()
                        .put("name", "value")
                        .put("score", 0.48)
                        .put("weight", 0.5)
                        .put("known", false));
        ((ObjectNode) recommendations.get(0))
                .putObject("prices")
                .put("from", "2025-11-24")
                .put("to", "2026-11-25");
        recommendations
                .addObject()
                .put("ticker", "KO")
                .put("decision", "sell")
                .put("score", 0.2)
                .put("reasons", "failed the liquidity gate");
        return payload;
    }

    @Test
    void readsTheContractsPayload() {
        RunCompleted completed = RunCompleted.parse(MAPPER, payload());

        assertThat(completed.portfolioId()).isEqualTo(3);
        assertThat(completed.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(completed.reason()).isNull();
        assertThat(completed.finishedAt()).isEqualTo(Instant.parse("2026-11-25T22:00:09Z"));
        assertThat(completed.dropped()).containsExactly(new Dropped("XYZ", "no prices"));
        assertThat(completed.recommendations())
                .containsExactly(
                        new Recommendation(
                                "AAPL",
                                "BUY",
                                0.64,
                                0.3,
                                "strong profitability",
                                List.of(
                                        new ScorePart("quality", 0.8, 0.5, true),
                                        new ScorePart("value", 0.48, 0.5, false)),
                                new PriceWindow(LocalDate.of(2025, 11, 24), LocalDate.of(2026, 11, 25))),
                        // decisions are read in any case; no weight is 0; a final-sel that reports no parts or prices
                        new Recommendation("KO", "SELL", 0.2, 0.0, "failed the liquidity gate", List.of(), null));
    }

    @Test
    void refusesAPriceWindowThatEndsBeforeItStartsOrSpansDecades() {
        ObjectNode payload = payload();
        ObjectNode prices = (ObjectNode) payload.get("recommendations").get(0).get("prices");
        prices.put("to", "2025-11-23");
        assertThatThrownBy(() -> RunCompleted.parse(MAPPER, payload))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("the prices of AAPL need a from on or before their to");
        prices.put("from", "1990-01-02").put("to", "2026-11-25");
        assertThatThrownBy(() -> RunCompleted.parse(MAPPER, payload))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("the prices of AAPL span more than 20 years");
        prices.remove("from");
        assertThatThrownBy(() -> RunCompleted.parse(MAPPER, payload))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessageContaining("need a from");
    }

    @Test
    void takesAFailureWithoutRecommendations() {
        ObjectNode payload = payload().put("status", "timeout").put("reason", "select did not finish in 10m");
        payload.remove("recommendations");
        payload.remove("dropped");

        RunCompleted completed = RunCompleted.parse(MAPPER, payload);

        assertThat(completed.status()).isEqualTo(RunStatus.TIMEOUT);
        assertThat(completed.reason()).isEqualTo("select did not finish in 10m");
        assertThat(completed.recommendations()).isEmpty();
        assertThat(completed.dropped()).isEmpty();
    }

    @Test
    void clipsTextsToWhatTheTablesHold() {
        ObjectNode payload = payload().put("reason", "r".repeat(5000));
        ((ObjectNode) payload.get("recommendations").get(0)).put("reasons", "x".repeat(5000));

        RunCompleted completed = RunCompleted.parse(MAPPER, payload);

        assertThat(completed.reason()).hasSize(RunCompleted.MAX_REASON).endsWith("…");
        assertThat(completed.recommendations().getFirst().reasons()).hasSize(RunCompleted.MAX_REASONS);
    }

    @Test
    void takesAWeightOffByRoundingAsItsBound() {
        RunCompleted completed = RunCompleted.parse(MAPPER, changed(0, rec -> rec.put("weight", 1.0000000000000002)));

        assertThat(completed.recommendations().getFirst().weight()).isEqualTo(1.0);
    }

    @Test
    void refusesAStatusThatIsNotAnEnding() {
        for (String status : new String[] {"RUNNING", "DONE", ""}) {
            assertThatThrownBy(() -> RunCompleted.parse(MAPPER, payload().put("status", status)))
                    .isInstanceOf(PermanentTaskFailure.class)
                    .hasMessage("invalid run_completed payload: status must be SUCCESS, FAILURE or TIMEOUT, was '%s'"
                            .formatted(status));
        }
    }

    @Test
    void refusesRecommendationsThatBreakTheContract() {
        assertRefused(
                changed(0, rec -> rec.put("decision", "MAYBE")), "the decision for AAPL must be BUY, HOLD or SELL");
        assertRefused(
                changed(0, rec -> rec.put("weight", 1.5)), "the weight for AAPL must be between 0 and 1, was 1.5");
        assertRefused(changed(0, rec -> rec.put("weight", -0.1)), "the weight for AAPL must be between 0 and 1");
        assertRefused(changed(0, rec -> rec.put("ticker", "not a ticker")), "a recommendation needs a valid ticker");
        assertRefused(changed(1, rec -> rec.put("ticker", "AAPL")), "recommendations hold AAPL twice");
        assertRefused(changed(0, rec -> rec.remove("decision")), "recommendations[AAPL].decision is required");
        assertRefused(
                changed(0, rec -> ((ObjectNode) rec.get("score_parts").get(0)).put("weight", 2)),
                "the weight of AAPL's score part quality must be between 0 and 1, was 2.0");
        assertRefused(
                changed(0, rec -> ((ObjectNode) rec.get("score_parts").get(1)).put("name", "quality")),
                "a score part of AAPL needs a name of its own");
        assertRefused(
                changed(0, rec -> ((ObjectNode) rec.get("score_parts").get(1)).remove("score")),
                "the score of AAPL's score part value must be between 0 and 1, was null");
    }

    /** The payload with one of its recommendations changed. */
    private static ObjectNode changed(int index, Consumer<ObjectNode> change) {
        ObjectNode payload = payload();
        change.accept((ObjectNode) payload.get("recommendations").get(index));
        return payload;
    }

    private static void assertRefused(ObjectNode payload, String problem) {
        assertThatThrownBy(() -> RunCompleted.parse(MAPPER, payload))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessageStartingWith("invalid run_completed payload: " + problem);
    }
}
