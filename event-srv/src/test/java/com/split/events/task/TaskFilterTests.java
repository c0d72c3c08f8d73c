package com.split.events.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.split.tasks.QueueName;
import com.split.tasks.TaskStatus;
import com.split.web.InvalidParameterException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskFilterTests {

    @Test
    void appliesDefaultsWhenNothingIsGiven() {
        TaskFilter filter = TaskFilter.parse(null, null, null, null, null, null, null, null, null);

        assertThat(filter)
                .isEqualTo(new TaskFilter(null, null, null, null, null, null, null, 0, TaskFilter.DEFAULT_SIZE));
    }

    @Test
    void parsesEveryParameter() {
        TaskFilter filter = TaskFilter.parse(
                "success",
                "yahoo_tasks",
                "fetch_prices",
                "s-1",
                "user_zero",
                "2026-01-01T00:00:00Z",
                "2026-01-02T00:00:00.5Z",
                "3",
                "500");

        assertThat(filter)
                .isEqualTo(new TaskFilter(
                        TaskStatus.SUCCESS,
                        QueueName.YAHOO_TASKS,
                        "fetch_prices",
                        "s-1",
                        "user_zero",
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-02T00:00:00.500Z"),
                        3,
                        500));
    }

    @Test
    void rejectsAnEndBeforeTheStart() {
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> TaskFilter.parse(
                        null, null, null, null, null, "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", null, null))
                .satisfies(e -> assertThat(e.getBody().getDetail()).contains("'to'"));
    }
}
