package com.split.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskStatusTests {

    @Test
    void ranksOrderOneAttempt() {
        assertThat(TaskStatus.PENDING.rank()).isLessThan(TaskStatus.QUEUED.rank());
        assertThat(TaskStatus.RETRY.rank()).isLessThan(TaskStatus.QUEUED.rank());
        assertThat(TaskStatus.QUEUED.rank()).isLessThan(TaskStatus.RECEIVED.rank());
        assertThat(TaskStatus.RECEIVED.rank()).isLessThan(TaskStatus.PROCESSING.rank());
        assertThat(TaskStatus.PROCESSING.rank()).isLessThan(TaskStatus.SUCCESS.rank());
    }

    @Test
    void exactlyFiveStatusesAreTerminal() {
        assertThat(TaskStatus.values())
                .filteredOn(TaskStatus::isTerminal)
                .containsExactlyInAnyOrder(
                        TaskStatus.SUCCESS,
                        TaskStatus.NO_DATA,
                        TaskStatus.FAILURE,
                        TaskStatus.CANCELLED,
                        TaskStatus.TIMEOUT);
    }

    @Test
    void terminalStatusesLeaveOnlyThroughReplay() {
        assertThat(TaskStatus.SUCCESS.canMoveTo(TaskStatus.QUEUED)).isTrue();
        assertThat(TaskStatus.SUCCESS.canMoveTo(TaskStatus.PROCESSING)).isFalse();
        assertThat(TaskStatus.FAILURE.canMoveTo(TaskStatus.RETRY)).isFalse();
    }

    @Test
    void aRunningTaskCanEndEveryWay() {
        assertThat(TaskStatus.values()).filteredOn(TaskStatus::isTerminal).allMatch(TaskStatus.PROCESSING::canMoveTo);
        assertThat(TaskStatus.PROCESSING.canMoveTo(TaskStatus.RETRY)).isTrue();
        assertThat(TaskStatus.QUEUED.canMoveTo(TaskStatus.SUCCESS)).isFalse();
    }

    @Test
    void everyEventTypeButBusinessResultSetsAStatus() {
        assertThat(EventType.values())
                .filteredOn(type -> type.status().isEmpty())
                .containsExactly(EventType.TASK_BUSINESS_RESULT);
        assertThat(EventType.fromWireName("task_no_data")).contains(EventType.TASK_NO_DATA);
        assertThat(EventType.TASK_RETRIED.wireName()).isEqualTo("task_retried");
    }
}
