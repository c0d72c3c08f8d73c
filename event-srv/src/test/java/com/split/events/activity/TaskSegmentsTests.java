package com.split.events.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.events.activity.SessionGantt.Segment;
import com.split.tasks.EventType;
import java.time.Instant;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class TaskSegmentsTests {

    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void aTaskThatRanOnceWaitsThenRuns() {
        TaskSegments segments = new TaskSegments();
        segments.add(EventType.TASK_CREATED, T0);
        segments.add(EventType.TASK_QUEUED, T0.plusMillis(1));
        segments.add(EventType.TASK_RECEIVED, T0.plusMillis(40));
        segments.add(EventType.TASK_STARTED, T0.plusMillis(50));
        segments.add(EventType.TASK_PROGRESS, T0.plusMillis(60));
        segments.add(EventType.TASK_BUSINESS_RESULT, T0.plusMillis(70));
        segments.add(EventType.TASK_SUCCEEDED, T0.plusMillis(90));

        assertThat(segments.segments())
                .containsExactly(
                        new Segment("waiting", T0, T0.plusMillis(50), null),
                        new Segment("running", T0.plusMillis(50), T0.plusMillis(90), "SUCCESS"));
    }

    @Test
    void aRetryEndsARunAndTheRequeueStartsANewWait() {
        TaskSegments segments = new TaskSegments();
        segments.add(EventType.TASK_CREATED, T0);
        segments.add(EventType.TASK_STARTED, T0.plusMillis(10));
        segments.add(EventType.TASK_RETRIED, T0.plusMillis(20));
        segments.add(EventType.TASK_QUEUED, T0.plusMillis(120));
        segments.add(EventType.TASK_STARTED, T0.plusMillis(130));
        segments.add(EventType.TASK_FAILED, T0.plusMillis(150));

        assertThat(segments.segments())
                .extracting(Segment::kind, Segment::outcome)
                .containsExactly(
                        Tuple.tuple("waiting", null),
                        Tuple.tuple("running", "RETRY"),
                        Tuple.tuple("waiting", null),
                        Tuple.tuple("running", "FAILURE"));
    }

    @Test
    void whatLastsHasNoEnd() {
        TaskSegments segments = new TaskSegments();
        segments.add(EventType.TASK_CREATED, T0);
        segments.add(EventType.TASK_STARTED, T0.plusMillis(10));

        assertThat(segments.segments()).last().isEqualTo(new Segment("running", T0.plusMillis(10), null, null));
    }

    @Test
    void aTaskCancelledWhileQueuedOnlyWaited() {
        TaskSegments segments = new TaskSegments();
        segments.add(EventType.TASK_QUEUED, T0);
        segments.add(EventType.TASK_CANCELLED, T0.plusMillis(5));

        assertThat(segments.segments()).containsExactly(new Segment("waiting", T0, T0.plusMillis(5), "CANCELLED"));
    }
}
