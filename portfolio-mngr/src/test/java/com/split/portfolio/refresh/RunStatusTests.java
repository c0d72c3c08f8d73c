package com.split.portfolio.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunStatusTests {

    @Test
    void aRunningRunMovesToAnyEndingAndNoFurther() {
        for (RunStatus ending : new RunStatus[] {RunStatus.SUCCESS, RunStatus.FAILURE, RunStatus.TIMEOUT}) {
            assertThat(RunStatus.RUNNING.canMoveTo(ending)).isTrue();
            for (RunStatus next : RunStatus.values()) {
                assertThat(ending.canMoveTo(next)).as("%s to %s", ending, next).isFalse();
            }
        }
        assertThat(RunStatus.RUNNING.canMoveTo(RunStatus.RUNNING)).isFalse();
    }

    @Test
    void namesAnEndingInAnyCase() {
        assertThat(RunStatus.ending("success")).contains(RunStatus.SUCCESS);
        assertThat(RunStatus.ending("TIMEOUT")).contains(RunStatus.TIMEOUT);
        assertThat(RunStatus.ending("RUNNING")).isEmpty();
        assertThat(RunStatus.ending("CANCELLED")).isEmpty();
    }
}
