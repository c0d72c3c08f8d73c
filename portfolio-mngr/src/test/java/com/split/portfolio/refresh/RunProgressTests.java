package com.split.portfolio.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.split.tasks.bus.worker.PermanentTaskFailure;
import com.split.tasks.codec.TaskCodec;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RunProgressTests {

    static final JsonMapper MAPPER = new TaskCodec().mapper();
    static final UUID TASK = UUID.fromString("0193a5c2-7f3e-7cc1-9d2a-3f1e8a6b4c10");

    static ObjectNode payload() {
        ObjectNode payload = MAPPER.createObjectNode()
                .put("portfolio_id", 1)
                .put("step", "fetch")
                .put("state", "done")
                .put("tickers_total", 10)
                .put("tickers_done", 9)
                .put("tickers_failed", 1)
                .put("started_at", "2026-11-25T22:00:00.000Z")
                .put("finished_at", "2026-11-25T22:00:04.250Z")
                .put("sequence", 7);
        payload.putArray("task_ids").add(TASK.toString());
        payload.putArray("dropped").addObject().put("ticker", "XYZ").put("reason", "unknown symbol");
        return payload;
    }

    @Test
    void readsTheContractsPayload() {
        RunProgress progress = RunProgress.parse(MAPPER, payload());

        assertThat(progress.portfolioId()).isEqualTo(1);
        assertThat(progress.step()).isEqualTo("fetch");
        assertThat(progress.state()).isEqualTo("done");
        assertThat(progress.tickersTotal()).isEqualTo(10);
        assertThat(progress.tickersDone()).isEqualTo(9);
        assertThat(progress.tickersFailed()).isEqualTo(1);
        assertThat(progress.startedAt()).isEqualTo(Instant.parse("2026-11-25T22:00:00Z"));
        assertThat(progress.finishedAt()).isEqualTo(Instant.parse("2026-11-25T22:00:04.250Z"));
        assertThat(progress.taskIds()).containsExactly(TASK);
        assertThat(progress.dropped()).containsExactly(new Dropped("XYZ", "unknown symbol"));
        assertThat(progress.sequence()).isEqualTo(7);
    }

    @Test
    void takesARunningStepWithoutAnEndNorTasksAndIgnoresUnknownFields() {
        ObjectNode payload =
                payload().put("state", "running").putNull("finished_at").put("eta_ms", 900);
        payload.remove("task_ids");
        payload.remove("dropped");

        RunProgress progress = RunProgress.parse(MAPPER, payload);

        assertThat(progress.finishedAt()).isNull();
        assertThat(progress.taskIds()).isEmpty();
        assertThat(progress.dropped()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "step           | Fetch!  | step must be a lower-case name such as fetch, was 'Fetch!'",
                "state          | stuck   | state must be one of running, done, failed, was 'stuck'",
                "tickers_done   | -1      | tickers_done must not be negative, was -1",
                "sequence       | -3      | sequence must not be negative, was -3",
                "portfolio_id   | 0       | portfolio_id must be positive, was 0",
            })
    void refusesAValueTheContractDoesNotAllow(String field, String value, String problem) {
        ObjectNode payload = payload();
        if (value.matches("-?\\d+")) {
            payload.put(field, Long.parseLong(value));
        } else {
            payload.put(field, value);
        }

        assertThatThrownBy(() -> RunProgress.parse(MAPPER, payload))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessage("invalid run_progress payload: " + problem);
    }

    @ParameterizedTest
    @CsvSource({"portfolio_id", "step", "state", "tickers_total", "tickers_done", "tickers_failed", "sequence"})
    void refusesAPayloadWithoutARequiredField(String field) {
        ObjectNode payload = payload();
        payload.remove(field);

        assertThatThrownBy(() -> RunProgress.parse(MAPPER, payload))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessage("invalid run_progress payload: %s is required".formatted(field));
    }

    @Test
    void refusesMalformedTaskIdsAndDroppedTickers() {
        ObjectNode notUuid = payload();
        notUuid.putArray("task_ids").add("not-a-uuid");
        ObjectNode badTicker = payload();
        badTicker.putArray("dropped").addObject().put("ticker", "x y").put("reason", "?");
        ObjectNode wrongType = payload().put("tickers_total", "ten");

        for (ObjectNode payload : new ObjectNode[] {notUuid, badTicker, wrongType}) {
            assertThatThrownBy(() -> RunProgress.parse(MAPPER, payload))
                    .isInstanceOf(PermanentTaskFailure.class)
                    .hasMessageStartingWith("invalid run_progress payload: ");
        }
    }
}
