package com.split.tasks.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.test.SplitTestRedis;
import com.split.tasks.test.TaskEnvelopes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The bus scenarios on a standalone Redis, and those that hold up the whole server. */
@SpringBootTest(classes = BusTestApplication.class)
@Import(SplitTestRedis.class)
class BusIntegrationTests extends BusScenarios {

    @Test
    void workersSilencedByARedisOutageAreNotTakenForDead() throws InterruptedException {
        TaskEnvelope held = TaskEnvelopes.testTask().build();
        String peer = deadWorkerHolding(Instant.ofEpochMilli(redis.serverMillis()), held);
        Duration lease = properties.worker().lease();

        // An outage longer than the lease: when Redis is back, every heartbeat is stale by its clock.
        Duration outage = lease.plusSeconds(1);
        redis.await(redis.commands().clientPause(outage.toMillis()));
        // The peer beats again as late as a live worker may: a heartbeat interval plus a command timeout after.
        Thread.sleep(outage.plus(properties.commandTimeout()).toMillis());
        long until = System.nanoTime() + lease.multipliedBy(2).toNanos();
        while (System.nanoTime() < until) {
            beat(peer);
            Thread.sleep(properties.worker().heartbeatInterval().toMillis());
        }

        assertThat(bus().byTask(QUEUE).getOrDefault(held.taskId(), List.of())).isEmpty();
        assertThat(redis.await(redis.commands().lrange(keys.processing(QUEUE, peer), 0, -1)))
                .containsExactly(codec.encode(held));
        redis.await(redis.commands().del(keys.processing(QUEUE, peer)));
    }

    private void beat(String worker) {
        redis.await(redis.commands()
                .zadd(keys.workers(QUEUE), (double) redis.serverMillis(), worker.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deadlinePassingWhileASuccessIsSettledDoesNotUndoIt() {
        QueueName replies = QueueName.of("test_replies_paused");
        // returns at 500 ms with Redis paused until 1,500 ms: its notice is on the wire when the deadline passes
        TaskEnvelope task = TaskEnvelopes.testTask()
                .payload(codec.toPayload(Map.of("action", "pause_redis", "ms", 500, "pause_ms", 1_000)))
                .timeout(Duration.ofMillis(1_000))
                .replyTo(replies)
                .build();

        List<TaskEvent> events = publishAndAwait(task, EventType.TASK_SUCCEEDED);

        assertThat(types(events)).doesNotContain(EventType.TASK_TIMEOUT, EventType.TASK_RETRIED);
        assertThat(runs).filteredOn(run -> run.taskId().equals(task.taskId())).hasSize(1);
        assertThat(bus().ready(replies))
                .extracting(notice -> notice.payload().get("status").asString())
                .containsExactly("SUCCESS");
    }
}
