package com.split.tasks.bus;

import static com.split.tasks.bus.BusTestApplication.scripted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskIds;
import com.split.tasks.TaskPriority;
import com.split.tasks.TaskStatus;
import com.split.tasks.TaskType;
import com.split.tasks.autoconfigure.TaskBusProperties;
import com.split.tasks.bus.worker.BusMetrics;
import com.split.tasks.bus.worker.BusParts;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.bus.worker.TaskTracing;
import com.split.tasks.bus.worker.WorkerContainer;
import com.split.tasks.bus.worker.WorkerSettings;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.TaskEnvelopes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The bus's promises, checked against a real Redis through a real worker container. Subclasses choose the Redis:
 * a standalone server, or a three-master cluster.
 */
abstract class BusScenarios {

    static final QueueName QUEUE = TaskEnvelopes.TEST_TASK.queue();
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final Set<EventType> ENDINGS = Set.of(
            EventType.TASK_SUCCEEDED,
            EventType.TASK_NO_DATA,
            EventType.TASK_FAILED,
            EventType.TASK_RETRIED,
            EventType.TASK_CANCELLED,
            EventType.TASK_TIMEOUT);

    @Autowired
    TaskPublisher publisher;

    @Autowired
    BusRedis redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    TaskCodec codec;

    @Autowired
    WorkerContainer container;

    @Autowired
    ConcurrentLinkedQueue<BusTestApplication.Run> runs;

    @Autowired
    TaskBusProperties properties;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TaskRecovery recovery;

    @Autowired
    QueueInspector inspector;

    @Autowired
    BusScripts scripts;

    @Autowired
    QueuePauses pauses;

    BusEvents bus() {
        return new BusEvents(redis, keys, codec);
    }

    /** Waits until each task has an event of {@code type}, and returns every task's events. */
    Map<UUID, List<TaskEvent>> awaitEach(Collection<UUID> ids, EventType type) {
        Map<UUID, List<TaskEvent>> byTask = new HashMap<>();
        await().atMost(PATIENCE).until(() -> {
            byTask.clear();
            byTask.putAll(bus().byTask(QUEUE));
            return ids.stream()
                    .allMatch(id ->
                            byTask.getOrDefault(id, List.of()).stream().anyMatch(event -> event.eventType() == type));
        });
        return byTask;
    }

    /** Waits until the task has an event of {@code type}, and returns its events. */
    List<TaskEvent> awaitEvent(UUID id, EventType type) {
        return awaitEach(List.of(id), type).get(id);
    }

    /** Publishes the task and waits until it has an event of {@code type}; returns its events. */
    List<TaskEvent> publishAndAwait(TaskEnvelope task, EventType type) {
        publisher.publish(task);
        return awaitEvent(task.taskId(), type);
    }

    static List<EventType> types(List<TaskEvent> events) {
        return events.stream().map(TaskEvent::eventType).toList();
    }

    @Test
    void aPausedQueueGivesNothingUntilItIsResumed() {
        QueuePauses.QueuePause pause = new QueuePauses.QueuePause("ops", Instant.now(), "broker maintenance");
        assertThat(pauses.pause(QUEUE, pause)).isEmpty();
        TaskEnvelope task = scripted("ok", 0).build();
        try {
            assertThat(pauses.pause(QUEUE, new QueuePauses.QueuePause("someone else", Instant.now(), null)))
                    .as("a second pause leaves the first in force")
                    .contains(pause);
            assertThat(pauses.paused(QUEUE)).contains(pause);
            publisher.publish(task);
            // three claims by the worker after the publish, each of which would have taken the task
            long claims = claimsOf(QUEUE);
            await().atMost(PATIENCE).until(() -> claimsOf(QUEUE) >= claims + 3);

            assertThat(types(bus().byTask(QUEUE).getOrDefault(task.taskId(), List.of())))
                    .containsExactly(EventType.TASK_CREATED, EventType.TASK_QUEUED);
            QueueInspector.QueueFigures figures =
                    inspector.figures(QUEUE, properties.worker().lease());
            assertThat(figures.pause()).isEqualTo(pause);
            assertThat(figures.ready()).isPositive();
            assertThat(figures.oldestWaiting()).isNotNull();
            assertThat(container.isFetching()).as("readiness while paused").isTrue();
        } finally {
            assertThat(pauses.resume(QUEUE)).contains(pause);
        }

        assertThat(pauses.paused(QUEUE)).isEmpty();
        assertThat(pauses.resume(QUEUE)).as("resuming a running queue").isEmpty();
        awaitEvent(task.taskId(), EventType.TASK_SUCCEEDED);
    }

    @Test
    void aRateLimitHoldsAcrossThreeWorkerInstances() throws Exception {
        QueueName limited = QueueName.of("test_limited");
        TaskType type = new TaskType("limited_task", limited, "tests");
        int perSecond = 30;
        WorkerSettings settings = properties.worker().withRateLimits(Map.of(limited.value(), perSecond + "/1s"));
        List<UUID> ids = runOnThreeInstances(
                settings, TaskHandler.of(type, (task, context) -> TaskOutcome.success(Map.of())), 4 * perSecond);

        List<Instant> received = bus().events(limited).stream()
                .filter(event -> event.eventType() == EventType.TASK_RECEIVED)
                .map(TaskEvent::occurredAt)
                .sorted()
                .toList();
        assertThat(received).hasSize(ids.size());
        // the bucket starts full (one second's worth, at once); the rest come at the rate
        Instant burstEnd = received.get(perSecond - 1);
        double seconds = Duration.between(burstEnd, received.getLast()).toNanos() / 1e9;
        double measured = (received.size() - perSecond) / seconds;
        assertThat(measured).as("tasks claimed per second after the burst").isCloseTo(perSecond, withinPercentage(5));
        assertMoreThanOneInstanceClaimed(limited);
    }

    @Test
    void aCapOnHeldTasksHoldsAcrossThreeWorkerInstancesUnderLoad() {
        QueueName capped = QueueName.of("test_capped");
        TaskType type = new TaskType("capped_task", capped, "tests");
        int cap = 5;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        TaskHandler handler = TaskHandler.of(type, (task, context) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            running.decrementAndGet();
            return TaskOutcome.success(Map.of());
        });
        WorkerSettings settings = properties.worker().withMaxRunning(Map.of(capped.value(), cap));
        runOnThreeInstances(settings, handler, 150);

        // 24 slots between them, a cap of 5: the cap is what held them back, and it was reached
        assertThat(most.get()).as("tasks running at once, at the most").isEqualTo(cap);
        assertMoreThanOneInstanceClaimed(capped);
    }

    /**
     * Publishes {@code count} tasks of the handler's type and runs them to the end on three worker instances of
     * {@code settings}, each with its own fetch loop and worker id; @return the tasks' ids
     */
    private List<UUID> runOnThreeInstances(WorkerSettings settings, TaskHandler handler, int count) {
        List<WorkerContainer> instances = IntStream.range(0, 3)
                .mapToObj(i -> new WorkerContainer(
                        new BusParts(redis, scripts, codec, publisher, recovery, inspector),
                        List.of(handler),
                        Set.of(),
                        settings,
                        properties.retry(),
                        "instance-" + i + "-" + TaskIds.newId(),
                        Clock.systemUTC(),
                        new BusMetrics(new SimpleMeterRegistry()),
                        TaskTracing.OFF))
                .toList();
        List<UUID> ids = publisher.publishAll(IntStream.range(0, count)
                .mapToObj(i -> TaskEnvelopes.of(handler.type()).build())
                .toList());
        instances.forEach(WorkerContainer::start);
        try {
            await().atMost(PATIENCE)
                    .until(() -> bus().tasksWith(handler.type().queue(), EventType.TASK_SUCCEEDED)
                            .containsAll(ids));
        } finally {
            instances.forEach(WorkerContainer::stop);
        }
        return ids;
    }

    /** The claim calls this context's worker made on the queue: its claim round-trip timer's count. */
    long claimsOf(QueueName queue) {
        return meters.get("split.fetch.latency")
                .tag("queue", queue.value())
                .timer()
                .count();
    }

    /** The limit is shared, whichever instance claims: no fairness between them is promised. */
    private void assertMoreThanOneInstanceClaimed(QueueName queue) {
        assertThat(bus().events(queue).stream()
                        .filter(event -> event.eventType() == EventType.TASK_RECEIVED)
                        .map(TaskEvent::workerId)
                        .distinct())
                .as("instances that claimed")
                .hasSizeGreaterThan(1);
    }

    @Test
    void tasksAreClaimedInPublishOrder() {
        List<TaskEnvelope> tasks =
                IntStream.range(0, 300).mapToObj(i -> scripted("ok", 0).build()).toList();
        List<UUID> ids = publisher.publishAll(tasks);

        awaitEach(ids, EventType.TASK_SUCCEEDED);

        assertThat(runs)
                .filteredOn(run -> ids.contains(run.taskId()))
                .allSatisfy(run -> assertThat(run.mdcTaskId())
                        .as("MDC task_id in the handler")
                        .isEqualTo(run.taskId().toString()));
        Set<UUID> ours = Set.copyOf(ids);
        List<UUID> received = bus().events(QUEUE).stream()
                .filter(event -> event.eventType() == EventType.TASK_RECEIVED && ours.contains(event.taskId()))
                .map(TaskEvent::taskId)
                .toList();
        assertThat(received).containsExactlyElementsOf(ids);
    }

    @Test
    void claimsTakeTheHighestPriorityFirstAndPassNoLevelOverMoreThanTheRatio() {
        QueueName unwatched = QueueName.of("test_priorities");
        TaskType type = new TaskType("test_task", unwatched, "tests");
        Map<TaskPriority, List<UUID>> published = new EnumMap<>(TaskPriority.class);
        Map<UUID, TaskPriority> levels = new HashMap<>();
        List<TaskEnvelope> tasks = new ArrayList<>();
        // lowest first, so that publish order alone would give the opposite of what the levels ask
        for (TaskPriority priority : List.of(TaskPriority.LOW, TaskPriority.NORMAL, TaskPriority.HIGH)) {
            int count = priority == TaskPriority.HIGH ? 8 : 4;
            for (int i = 0; i < count; i++) {
                TaskEnvelope task = TaskEnvelopes.of(type).priority(priority).build();
                tasks.add(task);
                published.computeIfAbsent(priority, level -> new ArrayList<>()).add(task.taskId());
                levels.put(task.taskId(), priority);
            }
        }
        publisher.publishAll(tasks);

        // ratio 3, by two workers taking turns with batches of 1 to 3: the passes over a level count across them
        List<UUID> claimed = new ArrayList<>();
        for (int call = 0; claimed.size() < tasks.size(); call++) {
            String worker = call % 2 == 0 ? "worker-a" : "worker-b";
            scripts.claim(unwatched, worker, 1 + call % 3, Instant.now(), codec.maxEnvelopeBytes(), null, 0, 3)
                    .envelopes()
                    .forEach(envelope -> claimed.add(codec.decode(envelope).taskId()));
        }

        String order = claimed.stream()
                .map(id -> levels.get(id).wireName().substring(0, 1))
                .collect(Collectors.joining());
        // 3 high, then normal and low (each passed over 3 times); high runs out at the 12th, then normal leads
        assertThat(order).isEqualTo("hhhnlhhhnlhhnlnl");
        for (TaskPriority priority : TaskPriority.values()) {
            assertThat(claimed.stream().filter(id -> levels.get(id) == priority))
                    .as("%s tasks, oldest first", priority)
                    .containsExactlyElementsOf(published.get(priority));
        }
        assertThat(bus().events(unwatched).stream()
                        .filter(event -> event.eventType() == EventType.TASK_RECEIVED)
                        .map(TaskEvent::taskId))
                .containsExactlyElementsOf(claimed);
        assertThat(redis.await(redis.commands().get(keys.passedOver(unwatched))))
                .as("no level waits, so none is passed over")
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("0 0");
    }

    @Test
    void theWorkerTakesAHighBacklogFirstAndGivesLowItsTurnAtTheRatio() {
        QueuePauses.QueuePause pause = new QueuePauses.QueuePause("tests", Instant.now(), "fill three levels");
        pauses.pause(QUEUE, pause);
        List<TaskEnvelope> low = IntStream.range(0, 3)
                .mapToObj(i -> scripted("ok", 0).priority(TaskPriority.LOW).build())
                .toList();
        List<TaskEnvelope> normal =
                IntStream.range(0, 20).mapToObj(i -> scripted("ok", 0).build()).toList();
        List<TaskEnvelope> high = IntStream.range(0, 5)
                .mapToObj(i -> scripted("ok", 0).priority(TaskPriority.HIGH).build())
                .toList();
        List<UUID> ids;
        try {
            ids = publisher.publishAll(
                    Stream.of(low, normal, high).flatMap(List::stream).toList());
        } finally {
            pauses.resume(QUEUE);
        }

        awaitEach(ids, EventType.TASK_SUCCEEDED);

        Set<UUID> ours = Set.copyOf(ids);
        List<UUID> received = bus().events(QUEUE).stream()
                .filter(event -> event.eventType() == EventType.TASK_RECEIVED && ours.contains(event.taskId()))
                .map(TaskEvent::taskId)
                .toList();
        int ratio = properties.worker().priorityRatio();
        assertThat(received.subList(0, high.size())).containsExactlyElementsOf(ids(high));
        // low is passed over by the 5 high tasks and then by normal ones until it has waited out the ratio
        assertThat(received.subList(high.size(), ratio)).containsExactlyElementsOf(ids(normal.subList(0, ratio - 5)));
        assertThat(received.get(ratio)).isEqualTo(low.getFirst().taskId());
    }

    private static List<UUID> ids(List<TaskEnvelope> tasks) {
        return tasks.stream().map(TaskEnvelope::taskId).toList();
    }

    @Test
    void anIdleWorkerWakesForATaskOfAnyPriority() {
        QueueName idle = QueueName.of("test_wake");
        TaskType type = new TaskType("wake_task", idle, "tests");
        // a wait far longer than the patience below: only a wake-up can take the task in time
        WorkerSettings worker = properties.worker();
        WorkerSettings settings = new WorkerSettings(
                true,
                worker.concurrency(),
                worker.claimBatch(),
                Duration.ofSeconds(20),
                worker.lease(),
                worker.heartbeatInterval(),
                worker.reapInterval(),
                worker.promoteInterval(),
                worker.cancelCheckInterval(),
                worker.shutdownGrace(),
                worker.hardTimeoutGrace(),
                worker.statsInterval(),
                Map.of(),
                Map.of(),
                worker.priorityRatio());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WorkerContainer instance = new WorkerContainer(
                new BusParts(redis, scripts, codec, publisher, recovery, inspector),
                List.of(TaskHandler.of(type, (task, context) -> TaskOutcome.success(Map.of()))),
                Set.of(),
                settings,
                properties.retry(),
                "waking-" + TaskIds.newId(),
                Clock.systemUTC(),
                new BusMetrics(registry),
                TaskTracing.OFF);
        LongSupplier claims = () -> {
            Timer timer = registry.find("split.fetch.latency").timer();
            return timer == null ? 0 : timer.count();
        };
        instance.start();
        try {
            await().atMost(PATIENCE).until(() -> claims.getAsLong() > 0);
            for (TaskPriority priority : TaskPriority.values()) {
                // time for the claim that finds nothing and for its waits to reach Redis
                LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
                UUID id = publisher.publish(
                        TaskEnvelopes.of(type).priority(priority).build());
                await(priority + " task taken by a waiting worker")
                        .atMost(Duration.ofSeconds(5))
                        .until(() ->
                                bus().tasksWith(idle, EventType.TASK_SUCCEEDED).contains(id));
            }
        } finally {
            instance.stop();
        }
    }

    @Test
    void everyWayBackToTheReadyListsKeepsTheTaskPriority() {
        QueueName unwatched = QueueName.of("test_priority_paths");
        TaskType type = new TaskType("test_task", unwatched, "tests");
        TaskEnvelope published =
                TaskEnvelopes.of(type).priority(TaskPriority.HIGH).build();
        TaskEnvelope scheduled = TaskEnvelopes.of(type)
                .priority(TaskPriority.LOW)
                .clock(Clock.fixed(Instant.now().minusSeconds(60), ZoneOffset.UTC))
                .build();
        TaskEnvelope reaped = TaskEnvelopes.of(type).priority(TaskPriority.HIGH).build();
        TaskEnvelope requeued =
                TaskEnvelopes.of(type).priority(TaskPriority.LOW).build();
        TaskEnvelope normal = TaskEnvelopes.of(type).build();

        publisher.publishAll(List.of(published, normal));
        Instant due = Instant.now().plusSeconds(3600);
        publisher.schedule(scheduled, due);
        assertThat(scripts.promote(unwatched, due, 10)).isOne();
        redis.await(redis.commands().lpush(keys.processing(unwatched, "lost-worker"), codec.encode(reaped)));
        assertThat(recovery.takeBack(
                        unwatched, "lost-worker", null, true, TaskRecovery.Cause.WORKER_LOST, "lost by tests"))
                .isOne();
        assertThat(recovery.requeue(
                        unwatched, List.of(new TaskRecovery.Requeue(requeued.withAttempt(1), "by tests", null))))
                .containsExactly(true);

        assertThat(waiting(unwatched, TaskPriority.HIGH)).containsExactly(reaped.withAttempt(1), published);
        assertThat(waiting(unwatched, TaskPriority.NORMAL)).containsExactly(normal);
        assertThat(waiting(unwatched, TaskPriority.LOW)).containsExactly(requeued.withAttempt(1), scheduled);
        QueueInspector.QueueFigures figures =
                inspector.figures(unwatched, properties.worker().lease());
        assertThat(figures.ready()).isEqualTo(5);
        assertThat(figures.readyByPriority())
                .containsExactly(
                        entry(TaskPriority.HIGH, 2L), entry(TaskPriority.NORMAL, 1L), entry(TaskPriority.LOW, 2L));
        assertThat(figures.oldestWaiting())
                .as("the scheduled task, made a minute ago")
                .isGreaterThan(Duration.ofSeconds(59));
        assertThat(inspector.taskIds(unwatched))
                .containsExactlyInAnyOrder(
                        published.taskId(), scheduled.taskId(), reaped.taskId(), requeued.taskId(), normal.taskId());
    }

    /** The envelopes on the queue's ready list of {@code priority}, newest first. */
    private List<TaskEnvelope> waiting(QueueName queue, TaskPriority priority) {
        return redis.await(redis.commands().lrange(keys.ready(queue, priority), 0, -1)).stream()
                .map(codec::decode)
                .toList();
    }

    @Test
    void everyAttemptEndsWithExactlyOneEnding() {
        List<TaskEnvelope> tasks = IntStream.range(0, 200)
                .mapToObj(i -> scripted(i % 2 == 0 ? "ok" : "fail_once", 0).build())
                .toList();
        List<UUID> ids = publisher.publishAll(tasks);

        Map<UUID, List<TaskEvent>> byTask = awaitEach(ids, EventType.TASK_SUCCEEDED);

        for (UUID id : ids) {
            // task_retried carries the attempt that comes next: it ends the one before
            Map<Integer, Long> endingsPerAttempt = byTask.get(id).stream()
                    .filter(event -> ENDINGS.contains(event.eventType()))
                    .collect(Collectors.groupingBy(
                            event ->
                                    event.eventType() == EventType.TASK_RETRIED ? event.attempt() - 1 : event.attempt(),
                            Collectors.counting()));
            assertThat(endingsPerAttempt)
                    .as("endings per attempt of %s", id)
                    .allSatisfy((attempt, count) -> assertThat(count).isOne());
        }
        assertThat(byTask.get(ids.get(0)))
                .extracting(TaskEvent::eventType)
                .containsExactly(
                        EventType.TASK_CREATED,
                        EventType.TASK_QUEUED,
                        EventType.TASK_RECEIVED,
                        EventType.TASK_STARTED,
                        EventType.TASK_SUCCEEDED);
        assertThat(types(byTask.get(ids.get(1))))
                .containsExactly(
                        EventType.TASK_CREATED,
                        EventType.TASK_QUEUED,
                        EventType.TASK_RECEIVED,
                        EventType.TASK_STARTED,
                        EventType.TASK_RETRIED,
                        EventType.TASK_QUEUED,
                        EventType.TASK_RECEIVED,
                        EventType.TASK_STARTED,
                        EventType.TASK_SUCCEEDED);
    }

    @Test
    void failingTaskRetriesWithBackoffThenIsDeadLettered() {
        TaskEnvelope task = scripted("fail", 0).maxRetries(3).build();
        List<TaskEvent> events = publishAndAwait(task, EventType.TASK_FAILED);

        List<TaskEvent> retries = events.stream()
                .filter(e -> e.eventType() == EventType.TASK_RETRIED)
                .toList();
        assertThat(retries).extracting(TaskEvent::attempt).containsExactly(1, 2, 3);
        List<TaskEvent> received = events.stream()
                .filter(e -> e.eventType() == EventType.TASK_RECEIVED)
                .toList();
        for (TaskEvent retry : retries) {
            long delay = retry.details().get("retry_in_ms").asLong();
            assertThat(Duration.ofMillis(delay))
                    .isLessThanOrEqualTo(properties.retry().ceiling(retry.attempt() - 1));
            Instant nextRun = received.get(retry.attempt()).occurredAt();
            assertThat(nextRun)
                    .as("attempt %d waits out its backoff", retry.attempt())
                    .isAfterOrEqualTo(retry.occurredAt().plusMillis(delay).minusMillis(5));
        }
        assertThat(runs)
                .filteredOn(run -> run.taskId().equals(task.taskId()))
                .extracting(BusTestApplication.Run::attempt)
                .containsExactly(0, 1, 2, 3);
        assertThat(events.getLast().eventType()).isEqualTo(EventType.TASK_FAILED);
        assertThat(events.getLast().error().message()).isEqualTo("scripted failure on attempt 3");
        assertThat(bus().deadLetters(QUEUE)).anySatisfy(dead -> {
            assertThat(dead.reason()).isEqualTo("failed after 4 attempts: scripted failure on attempt 3");
            assertThat(codec.decode(dead.envelopeBytes()).taskId()).isEqualTo(task.taskId());
        });
    }

    @Test
    void permanentFailureIsDeadLetteredWithoutRetry() {
        TaskEnvelope task = scripted("permanent", 0).build();
        List<TaskEvent> events = publishAndAwait(task, EventType.TASK_FAILED);

        assertThat(types(events)).doesNotContain(EventType.TASK_RETRIED);
        assertThat(events.getLast().error().type()).isEqualTo("com.split.tasks.bus.worker.PermanentTaskFailure");
        assertThat(bus().deadLetters(QUEUE))
                .anyMatch(dead -> dead.reason().equals("unknown ticker")
                        && new String(dead.envelopeBytes(), StandardCharsets.UTF_8)
                                .contains(task.taskId().toString()));
    }

    @Test
    void handlerChoosesWhenToRetry() {
        TaskEnvelope task = scripted("retry_in", 300).build();
        List<TaskEvent> events = publishAndAwait(task, EventType.TASK_SUCCEEDED);

        TaskEvent retry = events.stream()
                .filter(e -> e.eventType() == EventType.TASK_RETRIED)
                .findFirst()
                .orElseThrow();
        assertThat(retry.details().get("retry_in_ms").asLong()).isEqualTo(300);
        assertThat(retry.error().message()).isEqualTo("rate limited");
        List<BusTestApplication.Run> ours =
                runs.stream().filter(run -> run.taskId().equals(task.taskId())).toList();
        assertThat(Duration.ofNanos(ours.get(1).startedNanos() - ours.get(0).startedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void noDataIsATerminalStatus() {
        TaskEnvelope task = scripted("no_data", 0).build();
        List<TaskEvent> events = publishAndAwait(task, EventType.TASK_NO_DATA);
        assertThat(events.getLast().status()).isEqualTo(TaskStatus.NO_DATA);
        assertThat(events.getLast().details().get("reason").asString()).isEqualTo("already current");
        assertThat(events.getLast().details().get("kept_rows").asInt()).isEqualTo(3);
    }

    @Test
    void endedTaskSendsOneFinishedNoticeToItsReplyQueue() {
        QueueName replies = QueueName.of("test_replies");
        UUID parent = TaskIds.newId();
        TaskEnvelope succeeds = scripted("fail_once", 0)
                .parentTaskId(parent)
                .tickers("AAPL", "MSFT")
                .replyTo(replies)
                .build();
        TaskEnvelope noData = scripted("no_data", 0).replyTo(replies).build();
        TaskEnvelope fails = scripted("permanent", 0).replyTo(replies).build();
        TaskEnvelope silent = scripted("ok", 0).build();
        publisher.publishAll(List.of(succeeds, noData, fails, silent));
        awaitEvent(silent.taskId(), EventType.TASK_SUCCEEDED);

        Map<UUID, TaskEnvelope> notices = new HashMap<>();
        await().atMost(PATIENCE).until(() -> {
            notices.clear();
            bus().ready(replies)
                    .forEach(notice -> notices.put(
                            UUID.fromString(notice.payload().get("task_id").asString()), notice));
            return notices.size() == 3;
        });

        TaskEnvelope success = notices.get(succeeds.taskId());
        assertThat(success.taskType()).isEqualTo(TaskType.TASK_FINISHED_NAME);
        assertThat(success.queue()).isEqualTo(replies);
        assertThat(success.targetModule()).isEqualTo(succeeds.initiator().module());
        assertThat(success.parentTaskId()).isEqualTo(parent);
        assertThat(success.sessionId()).isEqualTo(succeeds.sessionId());
        assertThat(success.tickers()).containsExactly("AAPL", "MSFT");
        assertThat(success.payload().get("status").asString()).isEqualTo("SUCCESS");
        assertThat(success.payload().get("attempt").asInt()).isEqualTo(1);
        assertThat(success.payload().get("error").isNull()).isTrue();
        assertThat(notices.get(noData.taskId())
                        .payload()
                        .get("details")
                        .get("kept_rows")
                        .asInt())
                .isEqualTo(3);
        JsonNode failure = notices.get(fails.taskId()).payload();
        assertThat(failure.get("status").asString()).isEqualTo("FAILURE");
        assertThat(failure.get("error").get("message").asString()).isEqualTo("unknown ticker");
        assertThat(bus().count(replies, EventType.TASK_QUEUED)).isEqualTo(3);
        assertThat(notices).doesNotContainKey(silent.taskId());
    }

    @Test
    void everyEndingOutsideARunIsNoticedToo() {
        QueueName replies = QueueName.of("test_replies_outside");
        TaskEnvelope cancelledAtClaim = scripted("ok", 0).replyTo(replies).build();
        publisher.cancel(QUEUE, cancelledAtClaim.taskId(), Duration.ofMinutes(5));
        publisher.publish(cancelledAtClaim);
        TaskEnvelope cancelledAtPromote = scripted("ok", 0).replyTo(replies).build();
        publisher.schedule(cancelledAtPromote, Instant.now().plusMillis(300));
        publisher.cancel(QUEUE, cancelledAtPromote.taskId(), Duration.ofMinutes(5));
        TaskEnvelope withdrawn = scripted("ok", 0).replyTo(replies).build();
        Instant later = Instant.now().plus(Duration.ofHours(1));
        publisher.schedule(withdrawn, later);
        assertThat(publisher.unschedule(withdrawn, later)).isTrue();
        TaskEnvelope unknownType = TaskEnvelopes.of(new TaskType("no_such_type", QUEUE, "tests"))
                .replyTo(replies)
                .build();
        redis.await(redis.commands().lpush(keys.ready(QUEUE), codec.encode(unknownType)));
        TaskEnvelope lostTooOften = TaskEnvelopes.testTask()
                .maxRetries(1)
                .attempt(1)
                .replyTo(replies)
                .build();
        deadWorkerHolding(Instant.now().minusSeconds(60), lostTooOften);

        Map<UUID, JsonNode> notices = awaitNotices(replies, 5);

        assertThat(notices.get(cancelledAtClaim.taskId()).get("status").asString())
                .isEqualTo("CANCELLED");
        assertThat(notices.get(cancelledAtPromote.taskId()).get("status").asString())
                .isEqualTo("CANCELLED");
        assertThat(notices.get(withdrawn.taskId()).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(notices.get(unknownType.taskId()).get("error").get("message").asString())
                .startsWith("unknown task_type 'no_such_type'");
        assertThat(notices.get(lostTooOften.taskId()).get("error").get("type").asString())
                .isEqualTo("worker_lost");
        // the forwarder removes what it published once the publish is confirmed: a moment after the notices arrive
        await().atMost(PATIENCE).until(() -> bus().length(keys.outbox(QUEUE)) == 0);
    }

    @Test
    void workerThatLostItsTaskTellsNobodyItEnded() {
        QueueName replies = QueueName.of("test_replies_stale");
        TaskEnvelope task = scripted("sleep", 1_000).replyTo(replies).build();
        publisher.publish(task);
        awaitEvent(task.taskId(), EventType.TASK_RECEIVED);

        // as a reaper would, though this worker still runs it: the run of attempt 0 goes on and ends stale
        assertThat(recovery.takeBack(
                        QUEUE, container.workerId(), null, false, TaskRecovery.Cause.WORKER_LOST, "taken for dead"))
                .isOne();

        List<TaskEvent> events = awaitEvent(task.taskId(), EventType.TASK_SUCCEEDED);
        assertThat(events.getLast().attempt()).isEqualTo(1);
        await().atMost(PATIENCE)
                .until(() -> runs.stream()
                                .filter(run -> run.taskId().equals(task.taskId()))
                                .count()
                        == 2);
        // both runs ended; let a stale notice have its chance
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(bus().ready(replies))
                .extracting(notice -> notice.payload().get("attempt").asInt())
                .containsExactly(1);
    }

    /** Waits until the reply queue holds {@code count} notices; returns their payloads by task id. */
    Map<UUID, JsonNode> awaitNotices(QueueName replies, int count) {
        Map<UUID, JsonNode> notices = new HashMap<>();
        await().atMost(PATIENCE).until(() -> {
            notices.clear();
            bus().ready(replies)
                    .forEach(notice -> notices.put(
                            UUID.fromString(notice.payload().get("task_id").asString()), notice.payload()));
            return notices.size() == count;
        });
        return notices;
    }

    @Test
    void handlerReportsProgressAndBusinessResults() {
        TaskEnvelope task = scripted("report", 0).build();
        List<TaskEvent> events = publishAndAwait(task, EventType.TASK_SUCCEEDED);

        assertThat(types(events))
                .containsSubsequence(
                        EventType.TASK_STARTED,
                        EventType.TASK_PROGRESS,
                        EventType.TASK_BUSINESS_RESULT,
                        EventType.TASK_SUCCEEDED);
        TaskEvent progress = events.stream()
                .filter(e -> e.eventType() == EventType.TASK_PROGRESS)
                .findFirst()
                .orElseThrow();
        assertThat(progress.status()).isEqualTo(TaskStatus.PROCESSING);
        assertThat(progress.details().get("of").asInt()).isEqualTo(2);
        TaskEvent result = events.stream()
                .filter(e -> e.eventType() == EventType.TASK_BUSINESS_RESULT)
                .findFirst()
                .orElseThrow();
        assertThat(result.status()).isNull();
        assertThat(result.details().get("rows_written").asInt()).isEqualTo(7);
    }

    @Test
    void cancelledTaskNeverRunsItsHandler() {
        TaskEnvelope scheduled = scripted("ok", 0).build();
        publisher.schedule(scheduled, Instant.now().plusMillis(500));
        publisher.cancel(QUEUE, scheduled.taskId(), Duration.ofMinutes(5));

        List<TaskEvent> events = awaitEvent(scheduled.taskId(), EventType.TASK_CANCELLED);

        assertThat(types(events)).containsExactly(EventType.TASK_CREATED, EventType.TASK_CANCELLED);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> BusTestApplication.ranTasks(runs).stream().noneMatch(scheduled.taskId()::equals));
    }

    @Test
    void runningTaskLearnsOfItsCancellation() {
        TaskEnvelope task = scripted("sleep", 20_000).build();
        publisher.publish(task);
        await().atMost(PATIENCE).until(() -> BusTestApplication.ranTasks(runs).contains(task.taskId()));

        publisher.cancel(QUEUE, task.taskId(), Duration.ofMinutes(5));

        List<TaskEvent> events = awaitEvent(task.taskId(), EventType.TASK_CANCELLED);
        assertThat(events.getLast().eventType()).isEqualTo(EventType.TASK_CANCELLED);
    }

    @Test
    void taskPastItsTimeoutEndsAsTimeout() {
        TaskEnvelope task =
                scripted("sleep", 10_000).timeout(Duration.ofMillis(300)).build();
        List<TaskEvent> events = publishAndAwait(task, EventType.TASK_TIMEOUT);

        TaskEvent timeout = events.getLast();
        assertThat(timeout.status()).isEqualTo(TaskStatus.TIMEOUT);
        TaskEvent started = events.stream()
                .filter(e -> e.eventType() == EventType.TASK_STARTED)
                .findFirst()
                .orElseThrow();
        assertThat(Duration.between(started.occurredAt(), timeout.occurredAt()))
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
    }

    @Test
    void handlerDeafToItsDeadlineIsGivenUpAndItsSlotRunsOn() {
        TaskEnvelope deaf = TaskEnvelopes.testTask()
                .payload(codec.toPayload(Map.of("action", "deaf", "ms", 4_000)))
                .timeout(Duration.ofMillis(300))
                .build();
        publisher.publish(deaf);

        TaskEvent timeout = awaitEvent(deaf.taskId(), EventType.TASK_TIMEOUT).getLast();

        assertThat(timeout.error().type()).isEqualTo("hard_timeout");
        assertThat(container.givenUpThreads()).containsEntry(QUEUE, 1);
        await().atMost(PATIENCE).until(() -> container.givenUpThreads().get(QUEUE) == 0);
        assertThat(bus().byTask(QUEUE).get(deaf.taskId()))
                .filteredOn(event -> ENDINGS.contains(event.eventType()))
                .hasSize(1);
    }

    @Test
    void expiredTaskIsNotRun() {
        TaskEnvelope task = TaskEnvelopes.testTask()
                .expiresAt(Instant.now().minusSeconds(1))
                .build();
        List<TaskEvent> events = publishAndAwait(task, EventType.TASK_TIMEOUT);

        assertThat(events.getLast().error().type()).isEqualTo("expired");
        assertThat(BusTestApplication.ranTasks(runs)).doesNotContain(task.taskId());
    }

    @Test
    void duplicateIdempotencyKeyPublishesOnce() {
        String key = "refresh-" + UUID.randomUUID();
        TaskEnvelope first = TaskEnvelopes.testTask().idempotencyKey(key).build();
        TaskEnvelope second = TaskEnvelopes.testTask().idempotencyKey(key).build();

        UUID firstId = publisher.publish(first);
        UUID secondId = publisher.publish(second);

        assertThat(firstId).isEqualTo(first.taskId());
        assertThat(secondId).isEqualTo(first.taskId());
        awaitEvent(first.taskId(), EventType.TASK_SUCCEEDED);
        assertThat(bus().byTask(QUEUE)).doesNotContainKey(second.taskId());
    }

    @Test
    void scheduledTaskStaysPendingUntilDue() {
        TaskEnvelope task = scripted("ok", 0).build();
        Instant due = Instant.now().plusMillis(800);
        publisher.schedule(task, due);

        assertThat(types(bus().byTask(QUEUE).get(task.taskId()))).containsExactly(EventType.TASK_CREATED);
        List<TaskEvent> events = awaitEvent(task.taskId(), EventType.TASK_SUCCEEDED);

        TaskEvent queued = events.stream()
                .filter(e -> e.eventType() == EventType.TASK_QUEUED)
                .findFirst()
                .orElseThrow();
        assertThat(queued.occurredAt()).isAfterOrEqualTo(due.minusMillis(5));
    }

    @Test
    void withdrawnScheduledTaskIsCancelledAtOnceAndNeverRuns() {
        TaskEnvelope withdrawn = scripted("ok", 0).build();
        TaskEnvelope kept = scripted("ok", 0).build();
        Instant due = Instant.now().plusMillis(1_500);
        publisher.schedule(withdrawn, due);
        publisher.schedule(kept, due);

        assertThat(publisher.unschedule(withdrawn, due)).isTrue();
        assertThat(publisher.unschedule(withdrawn, due)).isFalse();
        assertThat(publisher.unschedule(kept, due.plusMillis(1))).isFalse();

        assertThat(types(bus().byTask(QUEUE).get(withdrawn.taskId())))
                .containsExactly(EventType.TASK_CREATED, EventType.TASK_CANCELLED);
        awaitEvent(kept.taskId(), EventType.TASK_SUCCEEDED);
        assertThat(BusTestApplication.ranTasks(runs)).contains(kept.taskId()).doesNotContain(withdrawn.taskId());
        assertThat(publisher.unschedule(kept, due)).isFalse();
    }

    @Test
    void malformedEnvelopesAreDeadLetteredWhileValidTasksComplete() {
        long deadBefore = bus().length(keys.dead(QUEUE));
        UUID readableId = UUID.randomUUID();
        TaskEnvelope template = TaskEnvelopes.testTask().build();
        String valid = new String(codec.encode(template), StandardCharsets.UTF_8);
        List<byte[]> poison = List.of(
                "{not json".getBytes(StandardCharsets.UTF_8),
                new byte[0],
                new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                "[1,2,3]".getBytes(StandardCharsets.UTF_8),
                "null".getBytes(StandardCharsets.UTF_8),
                ("{\"task_id\":\"" + readableId + "\"}").getBytes(StandardCharsets.UTF_8),
                valid.replace("\"task_type\":\"test_task\"", "\"task_type\":\"no_such_type\"")
                        .getBytes(StandardCharsets.UTF_8),
                valid.replace("\"queue\":\"test_tasks\"", "\"queue\":\"other_queue\"")
                        .getBytes(StandardCharsets.UTF_8),
                valid.replace("\"schema_version\":1", "\"schema_version\":9").getBytes(StandardCharsets.UTF_8),
                valid.replace("\"payload\":{}", "\"payload\":{\"blob\":\"" + "x".repeat(300_000) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        List<UUID> validIds = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            byte[][] batch = poison.toArray(byte[][]::new);
            redis.await(redis.commands().lpush(keys.ready(QUEUE), batch));
            validIds.addAll(publisher.publishAll(
                    List.of(scripted("ok", 0).build(), scripted("ok", 0).build())));
        }

        awaitEach(validIds, EventType.TASK_SUCCEEDED);
        await().atMost(PATIENCE).until(() -> bus().length(keys.dead(QUEUE)) - deadBefore == 1000);

        Map<String, Long> reasons = bus().deadLetters(QUEUE).stream()
                .limit(1000)
                .collect(Collectors.groupingBy(dead -> dead.reason().replaceAll("[:(].*", ""), Collectors.counting()));
        assertThat(reasons)
                .containsEntry("unknown task_type 'no_such_type' on queue test_tasks", 100L)
                .containsEntry("envelope names queue other_queue but was on test_tasks", 100L)
                .containsKeys("unparseable JSON", "schema");
        assertThat(bus().deadLetters(QUEUE).stream().limit(1000).filter(dead -> dead.envelopeBase64() != null))
                .hasSize(100);
        assertThat(bus().deadLetters(QUEUE).stream()
                        .limit(1000)
                        .filter(dead -> dead.reason().contains("exceeds the 262144-byte limit")))
                .hasSize(100);
        assertThat(bus().byTask(QUEUE).get(readableId))
                .extracting(TaskEvent::eventType)
                .contains(EventType.TASK_FAILED);
        assertThat(container.isRunning()).isTrue();
        assertThat(container.isFetching()).isTrue();
    }

    @Test
    void envelopeTheClaimScriptReadsButJavaCannotEndsInTheJournal() {
        UUID id = TaskIds.newId();
        // invalid UTF-8 in a field Lua does not read: the claim script journals task_received for the id
        byte[] envelope = ("{\"task_id\":\"" + id + "\",\"task_type\":\"test_task\",\"note\":\"\u00c3(\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        redis.await(redis.commands().lpush(keys.ready(QUEUE), envelope));

        List<TaskEvent> events = awaitEvent(id, EventType.TASK_FAILED);

        assertThat(types(events)).containsExactly(EventType.TASK_RECEIVED, EventType.TASK_FAILED);
        assertThat(events.getLast().error().type()).isEqualTo("invalid_envelope");
        assertThat(deadLetterOf(id).letter().envelopeBytes()).isEqualTo(envelope);
    }

    /** A worker that died holding {@code tasks}: listed with its last heartbeat, its processing list filled. */
    String deadWorkerHolding(Instant lastHeartbeat, TaskEnvelope... tasks) {
        String ghost = "ghost-" + UUID.randomUUID();
        byte[][] held = Arrays.stream(tasks).map(codec::encode).toArray(byte[][]::new);
        redis.await(redis.commands().lpush(keys.processing(QUEUE, ghost), held));
        redis.await(redis.commands()
                .zadd(
                        keys.workers(QUEUE),
                        (double) lastHeartbeat.toEpochMilli(),
                        ghost.getBytes(StandardCharsets.UTF_8)));
        return ghost;
    }

    @Test
    void reaperReturnsADeadWorkersTasks() {
        TaskEnvelope retryable = scripted("ok", 0).build();
        TaskEnvelope exhausted =
                TaskEnvelopes.testTask().maxRetries(2).attempt(2).build();
        String ghost = deadWorkerHolding(Instant.now().minusSeconds(60), retryable, exhausted);

        List<TaskEvent> events = awaitEvent(retryable.taskId(), EventType.TASK_SUCCEEDED);
        List<TaskEvent> lost = awaitEvent(exhausted.taskId(), EventType.TASK_FAILED);

        TaskEvent retried = events.getFirst();
        assertThat(retried.eventType()).isEqualTo(EventType.TASK_RETRIED);
        assertThat(retried.workerId()).isEqualTo(ghost);
        assertThat(retried.error().type()).isEqualTo("worker_lost");
        assertThat(events.getLast().attempt()).isEqualTo(1);
        assertThat(lost.getLast().error().message()).isEqualTo("worker lost on the last of 3 attempts");
        assertThat(bus().length(keys.processing(QUEUE, ghost))).isZero();
        assertThat(redis.await(redis.commands().zscore(keys.workers(QUEUE), ghost.getBytes(StandardCharsets.UTF_8))))
                .isNull();
    }

    @Test
    void claimListsAWorkerTheReaperForgot() {
        // A queue no container watches, so that only these claims take its task.
        QueueName unwatched = QueueName.of("test_unwatched");
        String paused = "paused-" + TaskIds.newId();
        String idle = "idle-" + TaskIds.newId();
        TaskEnvelope task =
                TaskEnvelopes.of(new TaskType("test_task", unwatched, "tests")).build();
        redis.await(redis.commands().lpush(keys.ready(unwatched), codec.encode(task)));

        assertThat(scripts.claim(unwatched, paused, 4, Instant.now(), codec.maxEnvelopeBytes(), null, 0, 10)
                        .envelopes())
                .hasSize(1);
        assertThat(scripts.claim(unwatched, idle, 4, Instant.now(), codec.maxEnvelopeBytes(), null, 0, 10)
                        .envelopes())
                .isEmpty();

        Double listedAt = redis.await(redis.commands().zscore(keys.workers(unwatched), utf8(paused)));
        assertThat(listedAt).isNotNull();
        assertThat(listedAt.longValue()).isCloseTo(redis.serverMillis(), within(5_000L));
        assertThat(redis.await(redis.commands().zscore(keys.workers(unwatched), utf8(idle))))
                .isNull();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void taskGivenBackAtShutdownRunsAgainWithoutUsingARetry() {
        TaskEnvelope noRetries = scripted("ok", 0).maxRetries(0).build();
        String stopping = deadWorkerHolding(Instant.now(), noRetries);

        assertThat(recovery.takeBack(QUEUE, stopping, null, true, TaskRecovery.Cause.WORKER_SHUT_DOWN, "shut down"))
                .isOne();

        List<TaskEvent> events = awaitEvent(noRetries.taskId(), EventType.TASK_SUCCEEDED);
        TaskEvent retried = events.stream()
                .filter(event -> event.eventType() == EventType.TASK_RETRIED)
                .findFirst()
                .orElseThrow();
        assertThat(retried.error().type()).isEqualTo("worker_shut_down");
        assertThat(events.getLast().attempt()).isEqualTo(1);
        assertThat(types(events)).doesNotContain(EventType.TASK_FAILED);
    }

    @Test
    void reaperDeadLettersATaskWhoseNextAttemptWouldOutgrowTheLimitAndGoesOn() {
        UUID id = TaskIds.newId();
        Clock fixed = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        IntFunction<TaskEnvelope> withBlob = chars -> TaskEnvelopes.testTask()
                .taskId(id)
                .clock(fixed)
                .maxRetries(10)
                .attempt(9)
                .payload(codec.toPayload(Map.of("blob", "x".repeat(chars))))
                .build();
        // attempt 10 takes one byte more than attempt 9
        TaskEnvelope atTheLimit = withBlob.apply(codec.maxEnvelopeBytes() - codec.encode(withBlob.apply(0)).length);
        assertThat(codec.encode(atTheLimit)).hasSize(codec.maxEnvelopeBytes());
        TaskEnvelope retryable = scripted("ok", 0).build();
        deadWorkerHolding(Instant.now().minusSeconds(120), atTheLimit);
        deadWorkerHolding(Instant.now().minusSeconds(60), retryable);

        TaskEvent failed = awaitEvent(id, EventType.TASK_FAILED).getLast();
        awaitEvent(retryable.taskId(), EventType.TASK_SUCCEEDED);

        assertThat(failed.error().message())
                .isEqualTo("cannot requeue: envelope of %d bytes exceeds the %d-byte limit"
                        .formatted(codec.maxEnvelopeBytes() + 1, codec.maxEnvelopeBytes()));
        assertThat(deadLetterOf(id).letter().envelopeBytes()).isEqualTo(codec.encode(atTheLimit));
        assertThat(container.isFetching()).isTrue();
    }

    @Test
    void endingsTooLargeForTheirNoticeAreCutAndSettled() {
        QueueName replies = QueueName.of("test_replies_large");
        TaskEnvelope longError = TaskEnvelopes.testTask()
                .payload(codec.toPayload(Map.of("action", "long_error", "chars", 300_000)))
                .replyTo(replies)
                .build();
        TaskEnvelope longDetails = TaskEnvelopes.testTask()
                .payload(codec.toPayload(Map.of("action", "long_details", "chars", 300_000)))
                .replyTo(replies)
                .build();
        publisher.publishAll(List.of(longError, longDetails));

        TaskEvent failed = awaitEvent(longError.taskId(), EventType.TASK_FAILED).getLast();
        TaskEvent succeeded =
                awaitEvent(longDetails.taskId(), EventType.TASK_SUCCEEDED).getLast();
        Map<UUID, JsonNode> notices = new HashMap<>();
        await().atMost(PATIENCE).until(() -> {
            bus().ready(replies)
                    .forEach(notice -> notices.put(
                            UUID.fromString(notice.payload().get("task_id").asString()), notice.payload()));
            return notices.size() == 2;
        });

        // compared by length and ending: a failure message of 8,192 x's would tell nothing
        for (String message : List.of(
                failed.error().message(),
                notices.get(longError.taskId()).get("error").get("message").asString())) {
            assertThat(message.length()).isEqualTo(TaskEvent.ErrorInfo.MAX_MESSAGE_CHARS);
            assertThat(message.substring(message.length() - 30)).endsWith("xxx… (cut from 300000 chars)");
        }
        assertThat(succeeded.details().get("truncated").asString())
                .isEqualTo("details of 300011 chars exceed the 262144-byte limit");
        JsonNode detailsNotice = notices.get(longDetails.taskId());
        assertThat(detailsNotice.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(detailsNotice.get("details").get("truncated").asString()).endsWith("exceeds the 262144-byte limit");
        assertThat(runs)
                .filteredOn(run -> run.taskId().equals(longError.taskId()))
                .hasSize(1);
    }

    @Test
    void deadLetterRequeuedRunsAgainOnceWithItsReason() {
        TaskEnvelope task = scripted("permanent", 0).build();
        publishAndAwait(task, EventType.TASK_FAILED);
        QueueInspector.DeadLetterEntry dead = deadLetterOf(task.taskId());
        assertThat(dead.task().attempt()).isZero();
        assertThat(dead.letter().reason()).isEqualTo("unknown ticker");

        TaskRecovery.Requeue again = new TaskRecovery.Requeue(task.withAttempt(1), "requeued by tests", dead.record());
        // the same record twice in one call, as two operators clicking at once: the fence lets one through
        assertThat(recovery.requeue(QUEUE, List.of(again, again))).containsExactly(true, false);

        await().atMost(PATIENCE)
                .until(() -> bus().byTask(QUEUE).get(task.taskId()).stream()
                                .filter(event -> event.eventType() == EventType.TASK_FAILED)
                                .count()
                        == 2);
        List<TaskEvent> events = bus().byTask(QUEUE).get(task.taskId());
        TaskEvent retried = events.stream()
                .filter(event -> event.eventType() == EventType.TASK_RETRIED)
                .findFirst()
                .orElseThrow();
        assertThat(retried.attempt()).isEqualTo(1);
        assertThat(retried.details().get("reason").asString()).isEqualTo("requeued by tests");
        assertThat(types(events.subList(events.indexOf(retried), events.size())))
                .startsWith(EventType.TASK_RETRIED, EventType.TASK_QUEUED, EventType.TASK_RECEIVED);
        assertThat(runs).filteredOn(run -> run.taskId().equals(task.taskId())).hasSize(2);
        assertThat(deadLetterOf(task.taskId()).task().attempt()).isEqualTo(1);
    }

    QueueInspector.DeadLetterEntry deadLetterOf(UUID taskId) {
        List<QueueInspector.DeadLetterEntry> found = new ArrayList<>();
        inspector.forEachDeadLetter(QUEUE, entry -> {
            if (taskId.equals(entry.taskId())) {
                found.add(entry);
            }
        });
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    @Test
    void inspectorReportsWhatAQueueHolds() {
        QueueName idle = QueueName.of("idle_" + UUID.randomUUID().toString().substring(0, 8));
        TaskType type = new TaskType("idle_task", idle, "tests");
        TaskEnvelope oldest = TaskEnvelopes.of(type)
                .clock(Clock.fixed(Instant.now().minusSeconds(90), ZoneOffset.UTC))
                .build();
        TaskEnvelope newer = TaskEnvelopes.of(type).build();
        TaskEnvelope later = TaskEnvelopes.of(type).build();
        TaskEnvelope running = TaskEnvelopes.of(type).build();
        publisher.publishAll(List.of(oldest, newer));
        publisher.schedule(later, Instant.now().plusSeconds(3600));
        long now = redis.serverMillis();
        redis.await(redis.commands().lpush(keys.processing(idle, "busy-worker"), codec.encode(running)));
        redis.await(redis.commands()
                .zadd(keys.workers(idle), (double) now, "busy-worker".getBytes(StandardCharsets.UTF_8)));
        redis.await(redis.commands()
                .zadd(keys.workers(idle), (double) now - 60_000, "silent-worker".getBytes(StandardCharsets.UTF_8)));
        redis.await(
                redis.commands().lpush(keys.dead(idle), "not a dead-letter record".getBytes(StandardCharsets.UTF_8)));

        QueueInspector.QueueFigures figures = inspector.figures(idle, Duration.ofSeconds(15));

        assertThat(figures.ready()).isEqualTo(2);
        assertThat(figures.delayed()).isEqualTo(1);
        assertThat(figures.processing()).isEqualTo(1);
        assertThat(figures.dead()).isEqualTo(1);
        assertThat(figures.workers()).isEqualTo(1);
        assertThat(figures.oldestWaiting()).isBetween(Duration.ofSeconds(89), Duration.ofSeconds(120));
        assertThat(inspector.taskIds(idle))
                .containsExactlyInAnyOrder(oldest.taskId(), newer.taskId(), later.taskId(), running.taskId());
        QueueInspector.DeadLetters dead = inspector.deadLetters(idle, 0, 10);
        assertThat(dead.total()).isEqualTo(1);
        assertThat(dead.entries().getFirst().letter()).isNull();

        assertThat(recovery.reapDeadWorkers(idle, Duration.ofSeconds(15), null))
                .containsExactly(entry("silent-worker", 0));
        assertThat(inspector.workers(idle)).containsOnlyKeys("busy-worker");
    }

    @Test
    void metersCountWhatHappened() {
        double before = succeededCount();
        List<UUID> ids = publisher.publishAll(List.of(
                scripted("ok", 0).build(),
                scripted("ok", 0).build(),
                scripted("ok", 0).build()));

        awaitEach(ids, EventType.TASK_SUCCEEDED);

        await().atMost(PATIENCE).until(() -> succeededCount() - before == 3);
        assertThat(meters.get("split.tasks.duration")
                        .tag("status", "SUCCESS")
                        .timer()
                        .count())
                .isPositive();
        assertThat(meters.get("split.tasks.queue.wait")
                        .tag("queue", QUEUE.value())
                        .timer()
                        .count())
                .isPositive();
        assertThat(meters.get("split.fetch.latency")
                        .tag("queue", QUEUE.value())
                        .timer()
                        .count())
                .isPositive();
        assertThat(meters.get("split.tasks.in.flight")
                        .tag("queue", QUEUE.value())
                        .gauge())
                .isNotNull();
        await().atMost(PATIENCE)
                .until(() ->
                        meters.find("split.queue.depth").tag("state", "ready").gauge() != null);
    }

    private double succeededCount() {
        var counter = meters.find("split.tasks.completed")
                .tags("queue", QUEUE.value(), "status", "SUCCESS")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void liveWorkerKeepsItsLease() {
        TaskEnvelope task = scripted("sleep", 5_000).build(); // longer than the 3 s lease
        List<TaskEvent> events = publishAndAwait(task, EventType.TASK_SUCCEEDED);
        assertThat(types(events)).doesNotContain(EventType.TASK_RETRIED);
    }
}
