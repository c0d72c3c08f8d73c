package com.split.events.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.EventType;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskStatus;
import com.split.tasks.test.TaskEnvelopes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskStateTests {

    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.006Z");

    final TaskEnvelope task = TaskEnvelopes.testTask().build();

    TaskEvent event(EventType type, long millis) {
        return TaskEvent.of(type, task, T0.plusMillis(millis));
    }

    @Test
    void aLaterEventMovesTheStatusForward() {
        TaskState state = TaskState.UNKNOWN
                .apply(event(EventType.TASK_CREATED, 0), "{}")
                .apply(event(EventType.TASK_QUEUED, 1), null);

        assertThat(state.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(state.envelope()).isEqualTo("{}");
        assertThat(state.sessionId()).isEqualTo("session-test");
    }

    @Test
    void anEarlierEventLeavesTheStatus() {
        TaskState state = TaskState.UNKNOWN
                .apply(event(EventType.TASK_SUCCEEDED, 30), null)
                .apply(event(EventType.TASK_STARTED, 20), null)
                .apply(event(EventType.TASK_CREATED, 0), "{}");

        assertThat(state.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(state.statusAt()).isEqualTo(T0.plusMillis(30));
    }

    @Test
    void rankBreaksATieOfTimestamps() {
        TaskState state = TaskState.UNKNOWN
                .apply(event(EventType.TASK_STARTED, 5), null)
                .apply(event(EventType.TASK_RECEIVED, 5), null);

        assertThat(state.status()).isEqualTo(TaskStatus.PROCESSING);
    }

    @Test
    void theNextAttemptBeatsTheAttemptBeforeWhateverTheClocksSay() {
        TaskState state = TaskState.UNKNOWN
                .apply(event(EventType.TASK_RETRIED, 10).withAttempt(1), null)
                .apply(event(EventType.TASK_FAILED, 50), null);
        assertThat(state.status()).isEqualTo(TaskStatus.RETRY);

        state = state.apply(event(EventType.TASK_QUEUED, 20).withAttempt(1), null);
        assertThat(state.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(state.attempts()).isEqualTo(1);
    }

    @Test
    void aBusinessResultChangesNoStatus() {
        TaskState state = TaskState.UNKNOWN
                .apply(event(EventType.TASK_STARTED, 5), null)
                .apply(event(EventType.TASK_BUSINESS_RESULT, 9), null);

        assertThat(state.status()).isEqualTo(TaskStatus.PROCESSING);
        assertThat(state.statusAt()).isEqualTo(T0.plusMillis(5));
    }

    @Test
    void keepsTheLatestError() {
        TaskState state = TaskState.UNKNOWN
                .apply(event(EventType.TASK_FAILED, 9).withError(new TaskEvent.ErrorInfo("Late", "second")), null)
                .apply(
                        event(EventType.TASK_RETRIED, 3)
                                .withAttempt(1)
                                .withError(new TaskEvent.ErrorInfo("Early", "first")),
                        null);

        assertThat(state.lastError()).isEqualTo("Late: second");
    }
}
