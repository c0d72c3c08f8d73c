package com.split.tasks.test;

import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;

/** Envelope fixtures: builders with a test initiator and session, ready to adjust. */
public final class TaskEnvelopes {

    /** A queue and task type of the tests' own, so tests never touch SPLit's queues. */
    public static final TaskType TEST_TASK = new TaskType("test_task", QueueName.of("test_tasks"), "tests");

    private TaskEnvelopes() {}

    public static TaskEnvelope.Builder of(TaskType type) {
        return TaskEnvelope.builder(type).initiator("tests", "tests-1").sessionId("session-test");
    }

    public static TaskEnvelope.Builder testTask() {
        return of(TEST_TASK);
    }

    public static TaskEnvelope.Builder fetchPrices() {
        return of(TaskType.FETCH_PRICES).tickers("AAPL", "MSFT");
    }
}
