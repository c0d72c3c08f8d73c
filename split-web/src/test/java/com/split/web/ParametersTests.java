package com.split.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParametersTests {

    @Test
    void acceptsOnlyCanonicalUuids() {
        UUID id = UUID.randomUUID();

        assertThat(Parameters.taskId("taskId", id.toString())).isEqualTo(id);
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> Parameters.taskId("taskId", "1-2-3-4-5"))
                .satisfies(e -> assertThat(e.getBody().getDetail()).contains("'taskId'"));
    }

    @Test
    void boundsIntegers() {
        assertThat(Parameters.integer("limit", " ", 7, 1, 10)).isEqualTo(7);
        assertThat(Parameters.integer("limit", "10", 7, 1, 10)).isEqualTo(10);
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> Parameters.integer("limit", "11", 7, 1, 10))
                .satisfies(e -> assertThat(e.getBody().getDetail()).contains("between 1 and 10"));
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> Parameters.integer("limit", "ten", 7, 1, 10))
                .satisfies(e -> assertThat(e.getBody().getDetail()).contains("must be an integer"));
    }

    @Test
    void readsBooleansInAnyCaseAndNothingElse() {
        assertThat(Parameters.bool("preview", null, false)).isFalse();
        assertThat(Parameters.bool("preview", " TRUE ", false)).isTrue();
        assertThat(Parameters.bool("preview", "False", true)).isFalse();
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> Parameters.bool("preview", "yes", false))
                .satisfies(e -> assertThat(e.getBody().getDetail()).contains("must be true or false, was 'yes'"));
    }

    @Test
    void readsBlankAsAbsent() {
        assertThat(Parameters.queue("queue", "  ")).isNull();
        assertThat(Parameters.status("status", "")).isNull();
        assertThat(Parameters.instant("from", null)).isNull();
    }
}
