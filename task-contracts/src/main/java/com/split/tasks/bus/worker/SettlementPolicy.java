package com.split.tasks.bus.worker;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskIds;
import com.split.tasks.TaskStatus;
import com.split.tasks.bus.DeadLetter;
import com.split.tasks.bus.NoticeOutbox;
import com.split.tasks.bus.Settlement;
import com.split.tasks.bus.TaskRecovery;
import com.split.tasks.codec.TaskCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Decides what becomes of a task once its run ends: which {@link Settlement} moves it and which event says so. Pure:
 * no Redis, no clock of its own, so every rule (a timeout wins over the outcome, a retry past {@code max_retries}
 * dead-letters, a cancelled run that threw is CANCELLED) is tested without a server, like JobRunr's retry filter.
 */
final class SettlementPolicy {

    private final TaskCodec codec;
    private final RetryPolicy retryPolicy;
    private final String workerId;

    SettlementPolicy(TaskCodec codec, RetryPolicy retryPolicy, String workerId) {
        this.codec = codec;
        this.retryPolicy = retryPolicy;
        this.workerId = workerId;
    }

    /**
     * How a run ended.
     *
     * @param envelope the task's envelope as it was on the bus, which the settlement removes
     * @param result what the handler returned ({@link TaskOutcome}) or threw ({@link Throwable})
     * @param timedOut whether its deadline passed while it ran
     * @param cancelSignalled whether a cancellation request reached it while it ran
     */
    record Run(
            TaskEnvelope task,
            byte[] envelope,
            Instant deadline,
            Object result,
            boolean timedOut,
            boolean cancelSignalled) {}

    /**
     * The decision: the status the task ends in (RETRY when it runs again), its event, and the move, which carries
     * the ending's notice for the outbox when the task has a {@code reply_to}.
     */
    record Decision(TaskStatus status, TaskEvent event, Settlement settlement) {}

    Decision decide(Run run, Instant now) {
        TaskEnvelope task = run.task();
        if (run.timedOut()) {
            return ack(
                    run,
                    EventType.TASK_TIMEOUT,
                    now,
                    Map.of(),
                    new TaskEvent.ErrorInfo("timeout", "ran past its deadline " + run.deadline()));
        }
        return switch (run.result()) {
            case TaskOutcome.Success success -> ack(run, EventType.TASK_SUCCEEDED, now, success.details(), null);
            case TaskOutcome.NoData noData -> ack(run, EventType.TASK_NO_DATA, now, noDataDetails(noData), null);
            case TaskOutcome.Retry retry ->
                retryOrDead(run, now, retry.delay(), new TaskEvent.ErrorInfo("retry_requested", retry.reason()));
            case TaskOutcome.Failure failure ->
                dead(run, now, failure.reason(), new TaskEvent.ErrorInfo("failure", failure.reason()));
            case TaskCancelledException cancelled -> ack(run, EventType.TASK_CANCELLED, now, Map.of(), null);
            case PermanentTaskFailure failure -> dead(run, now, describe(failure), errorOf(failure));
            case RetryLaterException later -> retryOrDead(run, now, later.delay(), errorOf(later));
            case Throwable error when run.cancelSignalled() -> ack(run, EventType.TASK_CANCELLED, now, Map.of(), null);
            case Throwable error -> retryOrDead(run, now, retryPolicy.backoff(task.attempt()), errorOf(error));
            default ->
                throw new IllegalArgumentException("a run ends in an outcome or a throwable, not " + run.result());
        };
    }

    /** A run whose handler ignored its deadline's interrupt for {@code grace}: TIMEOUT without its outcome. */
    Decision givenUp(Run run, Duration grace, Instant now) {
        return ack(
                run,
                EventType.TASK_TIMEOUT,
                now,
                Map.of(),
                new TaskEvent.ErrorInfo(
                        "hard_timeout",
                        "the handler ignored the interrupt of its deadline %s for %s: given up, its thread left behind"
                                .formatted(run.deadline(), grace)));
    }

    /** A task whose {@code expires_at} passed before it could start: TIMEOUT without running it. */
    Decision expired(TaskEnvelope task, byte[] envelope, Instant now) {
        TaskEvent event = event(EventType.TASK_TIMEOUT, task, now)
                .withError(
                        new TaskEvent.ErrorInfo("expired", "expires_at " + task.expiresAt() + " passed before it ran"));
        return new Decision(
                TaskStatus.TIMEOUT,
                event,
                new Settlement.Ack(
                        envelope,
                        codec.streamFields(event, null),
                        NoticeOutbox.entry(codec, task, envelope, TaskStatus.TIMEOUT, event)));
    }

    /**
     * An envelope that cannot run here (unreadable, unknown type, wrong queue): dead-lettered byte for byte, with a
     * task_failed event when its task id could be read.
     *
     * @param task the envelope read, when it could be
     */
    Settlement reject(
            QueueName queue,
            byte[] envelope,
            String reason,
            @Nullable UUID taskId,
            @Nullable TaskEnvelope task,
            Instant now) {
        Map<String, String> event = Map.of();
        byte[] notice = null;
        if (taskId != null) {
            TaskEvent failed = (task != null ? event(EventType.TASK_FAILED, task, now) : unreadable(queue, taskId, now))
                    .withError(new TaskEvent.ErrorInfo("invalid_envelope", reason));
            event = codec.streamFields(failed, null);
            if (task != null) {
                notice = NoticeOutbox.entry(codec, task, envelope, TaskStatus.FAILURE, failed);
            }
        }
        return new Settlement.DeadLetter(envelope, deadLetter(reason, now, envelope), event, notice);
    }

    private TaskEvent unreadable(QueueName queue, UUID taskId, Instant now) {
        return new TaskEvent(
                TaskIds.newId(),
                EventType.TASK_FAILED,
                null,
                taskId,
                null,
                queue,
                null,
                null,
                null,
                null,
                null,
                null,
                workerId,
                now,
                null,
                null);
    }

    private Decision ack(
            Run run, EventType type, Instant now, Map<String, ?> details, TaskEvent.@Nullable ErrorInfo error) {
        TaskEvent event = event(type, run.task(), now)
                .withError(error)
                .withDetails(details.isEmpty() ? null : codec.toPayload(details));
        TaskStatus status = type.status().orElseThrow();
        return new Decision(
                status,
                event,
                new Settlement.Ack(
                        run.envelope(),
                        codec.streamFields(event, null),
                        NoticeOutbox.entry(codec, run.task(), run.envelope(), status, event)));
    }

    private Decision retryOrDead(Run run, Instant now, Duration delay, TaskEvent.ErrorInfo error) {
        TaskEnvelope task = run.task();
        if (!task.hasRetriesLeft()) {
            return dead(
                    run,
                    now,
                    "failed after %d attempts%s: %s"
                            .formatted(task.countedAttempts(), TaskRecovery.uncounted(task), error.message()),
                    error);
        }
        TaskEnvelope next = task.withAttempt(task.attempt() + 1);
        TaskEvent event = event(EventType.TASK_RETRIED, task, now)
                .withAttempt(next.attempt())
                .withError(error)
                .withDetails(codec.toPayload(Map.of("retry_in_ms", delay.toMillis())));
        Settlement retry = new Settlement.Retry(
                run.envelope(), codec.encode(next), now.plus(delay).toEpochMilli(), codec.streamFields(event, null));
        return new Decision(TaskStatus.RETRY, event, retry);
    }

    /** Dead-letters the envelope as it was on the bus, byte for byte, not as this version would write it. */
    private Decision dead(Run run, Instant now, String reason, TaskEvent.ErrorInfo error) {
        TaskEvent event = event(EventType.TASK_FAILED, run.task(), now).withError(error);
        return new Decision(
                TaskStatus.FAILURE,
                event,
                new Settlement.DeadLetter(
                        run.envelope(),
                        deadLetter(reason, now, run.envelope()),
                        codec.streamFields(event, null),
                        NoticeOutbox.entry(codec, run.task(), run.envelope(), TaskStatus.FAILURE, event)));
    }

    private byte[] deadLetter(String reason, Instant now, byte[] envelope) {
        return DeadLetter.of(reason, now, workerId, envelope).toJson(codec.mapper());
    }

    TaskEvent event(EventType type, TaskEnvelope task, Instant at) {
        return TaskEvent.of(type, task, at).withWorker(workerId);
    }

    private static Map<String, ?> noDataDetails(TaskOutcome.NoData noData) {
        Map<String, Object> details = new LinkedHashMap<>(noData.details());
        details.put("reason", noData.reason());
        return details;
    }

    private static TaskEvent.ErrorInfo errorOf(Throwable error) {
        return new TaskEvent.ErrorInfo(error.getClass().getName(), describe(error));
    }

    static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}
