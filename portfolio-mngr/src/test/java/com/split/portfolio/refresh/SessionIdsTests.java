package com.split.portfolio.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.split.web.InvalidParameterException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdsTests {

    @Test
    void makesRunIdsOfUuidv7sThatParseBack() {
        String id = SessionIds.newId();

        assertThat(id).startsWith("run-");
        assertThat(UUID.fromString(id.substring(4)).version()).isEqualTo(7);
        assertThat(SessionIds.parse("sessionId", id)).isEqualTo(id);
        assertThat(SessionIds.parse("sessionId", " " + id.toUpperCase().replace("RUN-", "run-") + " "))
                .isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "run-", "nope", "0193a5c2-7f3e-7cc1-9d2a-3f1e8a6b4c10", "run-1-2-3-4-5", "run-0193a5c2"})
    void refusesWhatIsNotARunId(String raw) {
        assertThatThrownBy(() -> SessionIds.parse("sessionId", raw))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Parameter 'sessionId' must be a run's session id");
    }
}
