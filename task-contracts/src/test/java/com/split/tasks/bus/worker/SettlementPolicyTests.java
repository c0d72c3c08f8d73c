package com.split.tasks.bus.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskStatus;
import com.split.tasks.bus.DeadLetter;
import com.split.tasks.bus.Settlement;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.TaskEnvelopes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SettlementPolicyTests {

    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    final TaskCodec codec = new TaskCodec();
    final SettlementPolicy policy =
            new SettlementPolicy(codec, new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60)), "worker-1");
    final TaskEnvelope task = TaskEnvelopes.testTask().maxRetries(2).build();
    final byte[] envelope = codec.encode(task);

    SettlementPolicy.Decision decide(TaskEnvelope run, Object result, boolean timedOut, boolean cancelled) {
        return policy.decide(
                new SettlementPolicy.Run(run, codec.encode(run), NOW.plusSeconds(30), result, timedOut, cancelled),
                NOW);
    }

    SettlementPolicy.Decision decide(Object result) {
        return decide(task, result, false, false);
    }

    @Test
    void successAcksWithItsDetails() {
        SettlementPolicy.Decision decision = decide(TaskOutcome.success(Map.of("rows", 3)));

        assertThat(decision.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(decision.settlement()).isInstanceOf(Settlement.Ack.class);
        assertThat(decision.event().eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        assertThat(decision.event().workerId()).isEqualTo("worker-1");
        assertThat(decision.settlement().event())
                .containsEntry("event_type", "task_succeeded")
                .containsEntry("details", "{\"rows\":3}");
    }

    @Test
    void noDataCarriesItsReasonBesideItsDetails() {
        SettlementPolicy.Decision decision = decide(TaskOutcome.noData("prices current", Map.of("rows", 0)));

        assertThat(decision.status()).isEqualTo(TaskStatus.NO_DATA);
        assertThat(decision.event().details().get("reason").asString()).isEqualTo("prices current");
        assertThat(decision.event().details().get("rows").asInt()).isZero();
    }

    @Test
    void aTimeoutWinsOverTheOutcome() {
        SettlementPolicy.Decision decision = decide(task, TaskOutcome.success(), true, false);

        assertThat(decision.status()).isEqualTo(TaskStatus.TIMEOUT);
        assertThat(decision.settlement()).isInstanceOf(Settlement.Ack.class);
        assertThat(decision.event().error().type()).isEqualTo("timeout");
    }

    @Test
    void anExceptionRetriesWithTheNextAttemptDueWithinTheBackoff() {
        SettlementPolicy.Decision decision = decide(new IllegalStateException("flaky"));

        assertThat(decision.status()).isEqualTo(TaskStatus.RETRY);
        assertThat(decision.event().attempt()).isEqualTo(1);
        assertThat(decision.event().error().message()).isEqualTo("flaky");
        assertThat(decision.settlement())
                .asInstanceOf(type(Settlement.Retry.class))
                .satisfies(retry -> {
                    assertThat(retry.envelope()).isEqualTo(envelope);
                    assertThat(codec.decode(retry.next()).attempt()).isEqualTo(1);
                    assertThat(retry.dueMillis())
                            .isBetween(NOW.toEpochMilli(), NOW.plusSeconds(1).toEpochMilli());
                });
    }

    @Test
    void aRequestedRetryKeepsItsOwnDelay() {
        SettlementPolicy.Decision decision = decide(TaskOutcome.retryIn(Duration.ofMinutes(5), "rate limited"));

        assertThat(decision.settlement())
                .asInstanceOf(type(Settlement.Retry.class))
                .extracting(Settlement.Retry::dueMillis)
                .isEqualTo(NOW.plus(Duration.ofMinutes(5)).toEpochMilli());
        assertThat(decision.event().error().type()).isEqualTo("retry_requested");
    }

    @Test
    void theLastAttemptDeadLettersTheOriginalBytes() {
        TaskEnvelope last = TaskEnvelopes.testTask().maxRetries(2).attempt(2).build();

        SettlementPolicy.Decision decision = decide(last, new IllegalStateException("still flaky"), false, false);

        assertThat(decision.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(decision.event().eventType()).isEqualTo(EventType.TASK_FAILED);
        DeadLetter letter =
                DeadLetter.fromJson(codec.mapper(), ((Settlement.DeadLetter) decision.settlement()).record());
        assertThat(letter.reason()).isEqualTo("failed after 3 attempts: still flaky");
        assertThat(letter.workerId()).isEqualTo("worker-1");
        assertThat(letter.envelopeBytes()).isEqualTo(codec.encode(last));
    }

    @Test
    void rerunsThatWereNotTheTasksDoingDoNotCountAgainstItsRetries() {
        // attempts 0 and 1 ended in shutdowns: attempt 3 is the third that counts, of the three allowed
        TaskEnvelope task = TaskEnvelopes.testTask()
                .maxRetries(2)
                .build()
                .redelivered()
                .redelivered()
                .withAttempt(3);
        assertThat(task.countedAttempts()).isEqualTo(2);

        SettlementPolicy.Decision retried = decide(task, new IllegalStateException("flaky"), false, false);
        assertThat(retried.status()).isEqualTo(TaskStatus.RETRY);

        TaskEnvelope last = task.withAttempt(4);
        SettlementPolicy.Decision dead = decide(last, new IllegalStateException("still flaky"), false, false);
        assertThat(dead.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(DeadLetter.fromJson(codec.mapper(), ((Settlement.DeadLetter) dead.settlement()).record())
                        .reason())
                .isEqualTo("failed after 3 attempts (not counting 2 reruns after a worker shut down or a claim's reply"
                        + " was lost): still flaky");
    }

    @Test
    void aPermanentFailureDeadLettersAtOnce() {
        SettlementPolicy.Decision decision = decide(new PermanentTaskFailure("unknown ticker ZZZZ"));

        assertThat(decision.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(decision.settlement()).isInstanceOf(Settlement.DeadLetter.class);
        assertThat(decision.event().error().type()).isEqualTo(PermanentTaskFailure.class.getName());
    }

    @Test
    void aHandlerThatThrowsAfterACancelRequestIsCancelled() {
        SettlementPolicy.Decision decision = decide(task, new InterruptedException(), false, true);

        assertThat(decision.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(decision.settlement()).isInstanceOf(Settlement.Ack.class);
    }

    @Test
    void anExpiredTaskTimesOutWithoutRunning() {
        TaskEnvelope expiring =
                TaskEnvelopes.testTask().expiresAt(NOW.minusSeconds(1)).build();

        SettlementPolicy.Decision decision = policy.expired(expiring, codec.encode(expiring), NOW);

        assertThat(decision.status()).isEqualTo(TaskStatus.TIMEOUT);
        assertThat(decision.event().error().type()).isEqualTo("expired");
    }

    @Test
    void anUnreadableEnvelopeIsDeadLetteredWithoutAnEventWhenItHasNoTaskId() {
        byte[] garbage = "not json".getBytes();

        Settlement settlement = policy.reject(QueueName.of("test_tasks"), garbage, "not JSON", null, null, NOW);

        assertThat(settlement).isInstanceOf(Settlement.DeadLetter.class);
        assertThat(settlement.event()).isEmpty();
    }

    @Test
    void anEnvelopeWithATaskIdIsJournalledAsFailedWhenRejected() {
        UUID id = UUID.randomUUID();

        Settlement settlement =
                policy.reject(QueueName.of("test_tasks"), "{}".getBytes(), "schema: task_type missing", id, null, NOW);

        assertThat(settlement.event())
                .containsEntry("task_id", id.toString())
                .containsEntry("event_type", "task_failed")
                .containsEntry("worker_id", "worker-1")
                .containsKey("error");
    }
}
