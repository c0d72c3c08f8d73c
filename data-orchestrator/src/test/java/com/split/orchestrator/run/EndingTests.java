package com.split.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.split.tasks.TaskStatus;
import org.junit.jupiter.api.Test;

class EndingTests {

    @Test
    void readsANoticePayload() {
        Ending ending = Ending.fromPayload(RunStates.json("""
                {"task_id": "01a23a00-0000-7000-8000-00000000000a", "task_type": "fetch_prices", "status": "FAILURE",
                 "attempt": 3, "details": {}, "error": {"type": "java.io.IOException", "message": "HTTP 500"}}"""));

        assertThat(ending.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(ending.succeeded()).isFalse();
        assertThat(ending.reason()).isEqualTo("HTTP 500");
    }

    @Test
    void endingWithoutAnErrorGivesItsStatusAsTheReason() {
        Ending ending = Ending.fromPayload(RunStates.json("""
                {"task_id": "01a23a00-0000-7000-8000-00000000000a", "task_type": "initial_filter",
                 "status": "TIMEOUT", "attempt": 0, "details": {}, "error": null}"""));

        assertThat(ending.reason()).isEqualTo("initial_filter ended TIMEOUT");
    }

    @Test
    void noDataIsSuccess() {
        assertThat(Ending.fromPayload(RunStates.json("""
                        {"task_id": "01a23a00-0000-7000-8000-00000000000a", "task_type": "final_selection",
                         "status": "NO_DATA", "attempt": 0, "details": {"tickers": 3}, "error": null}""")).succeeded()).isTrue();
    }

    @Test
    void refusesWhatIsNotAnEnding() {
        assertThatIllegalArgumentException().isThrownBy(() -> Ending.fromPayload(RunStates.json("""
                {"task_id": "01a23a00-0000-7000-8000-00000000000a", "task_type": "fetch_prices",
                 "status": "PROCESSING"}""")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Ending.fromPayload(RunStates.json("{\"status\": \"SUCCESS\"}")));
    }
}
