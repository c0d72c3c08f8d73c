package com.split.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskIds;
import com.split.tasks.TaskPriority;
import com.split.tasks.TaskStatus;
import com.split.tasks.TaskType;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.worker.PermanentTaskFailure;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.web.test.ApiClient;
import com.split.web.test.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Runs on real Redis: the real orchestrator worker, with stand-ins for the other modules' workers ({@link
 * StandInWorkers}) and for portfolio-mngr's consumer of the run messages. Each test has a session of its own.
 */
@SplitIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({StandInWorkers.class, ApiClient.class})
class RunIntegrationTests {

    static final List<String> TEN = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "JPM", "JNJ", "XOM", "KO", "WMT");

    @Autowired
    RunBus bus;

    @Autowired
    TaskPublisher publisher;

    @Autowired
    TaskCodec codec;

    @Autowired
    StandIns standIns;

    @Autowired
    RunStore store;

    @Autowired
    ApiClient api;

    @Autowired
    BusRedis redis;

    @Autowired
    RedisKeys keys;

    @Test
    void runOfTenTickersInChunksOfFourGoesFromFetchThroughFilterAndSelectToRunCompleted() {
        String session = RunBus.newSession();
        // as a scheduled refresh: its children inherit its low priority, the run's messages go high
        UUID refresh = bus.refresh(session, TEN, TaskPriority.LOW);

        JsonNode completed = bus.awaitCompleted(session);

        assertThat(completed.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(completed.get("reason").isNull()).isTrue();
        assertThat(completed.get("portfolio_id").asLong()).isEqualTo(RunBus.PORTFOLIO_ID);
        assertThat(completed.get("dropped")).isEmpty();
        assertThat(completed.get("recommendations"))
                .containsExactlyElementsOf(
                        codec.mapper().readTree(codec.mapper().writeValueAsString(StandIns.recommendations(TEN))));
        assertThat(Instant.parse(completed.get("finished_at").asString()))
                .isAfterOrEqualTo(Instant.parse(completed.get("started_at").asString()));

        List<List<String>> chunks = List.of(TEN.subList(0, 4), TEN.subList(4, 8), TEN.subList(8, 10));
        for (TaskType type : List.of(TaskType.FETCH_PRICES, TaskType.FETCH_FUNDAMENTALS)) {
            List<TaskEnvelope> fetches = standIns.received(session, type);
            assertThat(fetches).extracting(TaskEnvelope::tickers).containsExactlyInAnyOrderElementsOf(chunks);
            for (TaskEnvelope fetch : fetches) {
                int chunk = chunks.indexOf(fetch.tickers());
                assertThat(fetch.parentTaskId()).isEqualTo(refresh);
                assertThat(fetch.priority()).isEqualTo(TaskPriority.LOW);
                assertThat(fetch.userId()).isEqualTo(RunBus.USER);
                assertThat(fetch.replyTo()).isEqualTo(QueueName.ORCHESTRATOR_TASKS);
                assertThat(fetch.maxRetries()).isEqualTo(1);
                assertThat(fetch.timeoutMs()).isEqualTo(30_000);
                assertThat(fetch.idempotencyKey()).isEqualTo(session + ":fetch:" + chunk + ":" + type.name());
            }
        }
        TaskEnvelope filter =
                standIns.received(session, TaskType.INITIAL_FILTER).getFirst();
        TaskEnvelope select =
                standIns.received(session, TaskType.FINAL_SELECTION).getFirst();
        assertThat(List.of(filter, select)).allSatisfy(task -> {
            assertThat(task.tickers()).isEqualTo(TEN);
            assertThat(task.parentTaskId()).isEqualTo(refresh);
            assertThat(task.priority()).isEqualTo(TaskPriority.LOW);
            assertThat(task.replyTo()).isEqualTo(QueueName.ORCHESTRATOR_TASKS);
        });
        assertThat(Stream.of(TaskType.RUN_PROGRESS, TaskType.RUN_COMPLETED)
                        .flatMap(type -> standIns.received(session, type).stream()))
                .isNotEmpty()
                .extracting(TaskEnvelope::priority)
                .containsOnly(TaskPriority.HIGH);
        assertThat(bus.published(session, TaskType.INITIAL_FILTER)).isEqualTo(1);
        assertThat(bus.published(session, TaskType.FINAL_SELECTION)).isEqualTo(1);
        assertThat(bus.published(session, TaskType.RUN_COMPLETED)).isEqualTo(1);

        await().atMost(StandIns.PATIENCE)
                .untilAsserted(() -> assertThat(bus.latestProgress(session, "select")
                                .get("state")
                                .asString())
                        .isEqualTo("done"));
        List<Long> sequences = bus.progress(session).stream()
                .map(message -> message.get("sequence").asLong())
                .toList();
        assertThat(sequences).doesNotHaveDuplicates();
        JsonNode fetch = bus.latestProgress(session, "fetch");
        assertThat(fetch.get("state").asString()).isEqualTo("done");
        assertThat(fetch.get("tickers_total").asInt()).isEqualTo(10);
        assertThat(fetch.get("tickers_done").asInt()).isEqualTo(10);
        assertThat(fetch.get("tickers_failed").asInt()).isZero();
        assertThat(fetch.get("task_ids")).hasSize(6);
        assertThat(fetch.get("finished_at").isString()).isTrue();
        assertThat(bus.latestProgress(session, "filter").get("task_ids").get(0).asString())
                .isEqualTo(filter.taskId().toString());
        // Taken with the state it describes, a higher sequence never shows less progress.
        List<Integer> fetchDone = bus.progress(session).stream()
                .filter(message -> message.get("step").asString().equals("fetch"))
                .sorted(Comparator.comparingLong(
                        message -> message.get("sequence").asLong()))
                .map(message -> message.get("tickers_done").asInt())
                .toList();
        assertThat(fetchDone).isSorted().hasSizeGreaterThan(2);

        JsonNode view = api.as(TestUsers.VIEWER).get("/api/runs/" + session);
        api.as(TestUsers.INGEST).problem(HttpMethod.GET, "/api/runs/" + session, null, HttpStatus.FORBIDDEN);
        api.as(null).problem(HttpMethod.GET, "/api/runs/" + session, null, HttpStatus.UNAUTHORIZED);
        assertThat(view.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(view.get("steps"))
                .extracting(step -> step.get("state").asString())
                .containsExactly("done", "done", "done");
        assertThat(view.get("pending").asBoolean()).isFalse();
        // The deadline of an ended run is withdrawn, journalled CANCELLED at once, and the state lives for the
        // retention (7 days).
        UUID deadline = UUID.fromString(view.get("deadline_task_id").asString());
        assertThat(bus.events().byTask(QueueName.ORCHESTRATOR_TASKS).get(deadline))
                .extracting(TaskEvent::eventType)
                .containsExactly(EventType.TASK_CREATED, EventType.TASK_CANCELLED);
        assertThat(redis.await(redis.commands().zcard(keys.delayed(QueueName.ORCHESTRATOR_TASKS))))
                .isZero();
        assertThat(redis.await(redis.commands().pttl(store.keys(session).getFirst())))
                .isBetween(
                        Duration.ofDays(7).minusMinutes(1).toMillis(),
                        Duration.ofDays(7).toMillis());
    }

    @Test
    void chunkThatFailsAfterItsRetriesDropsExactlyItsTickersAndTheRunGoesOn() {
        String session = RunBus.newSession();
        List<String> tickers = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "JPM", "JNJ", "XOM", "KO", "ZZZZ");
        standIns.script(session, TaskType.FETCH_FUNDAMENTALS, (task, context) -> {
            if (task.tickers().contains("JPM")) {
                throw new IllegalStateException("quoteSummary answered 500");
            }
            return StandIns.fetched(task, Set.of());
        });
        standIns.script(session, TaskType.FETCH_PRICES, (task, context) -> StandIns.fetched(task, Set.of("ZZZZ")));
        bus.refresh(session, tickers);

        JsonNode completed = bus.awaitCompleted(session);

        List<String> kept = List.of("AAPL", "MSFT", "NVDA", "AMZN", "KO");
        assertThat(completed.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(completed.get("dropped")).isEqualTo(codec.mapper().readTree("""
                        [{"ticker": "GOOGL", "reason": "quoteSummary answered 500"},
                         {"ticker": "JPM", "reason": "quoteSummary answered 500"},
                         {"ticker": "JNJ", "reason": "quoteSummary answered 500"},
                         {"ticker": "XOM", "reason": "quoteSummary answered 500"},
                         {"ticker": "ZZZZ", "reason": "No data found, symbol may be delisted"}]"""));
        assertThat(standIns.received(session, TaskType.FETCH_FUNDAMENTALS).stream()
                        .filter(task -> task.tickers().contains("JPM")))
                .extracting(TaskEnvelope::attempt)
                .containsExactly(0, 1);
        assertThat(standIns.received(session, TaskType.INITIAL_FILTER)
                        .getFirst()
                        .tickers())
                .isEqualTo(kept);
        assertThat(standIns.received(session, TaskType.FINAL_SELECTION)
                        .getFirst()
                        .tickers())
                .isEqualTo(kept);
        assertThat(completed.get("recommendations"))
                .extracting(r -> r.get("ticker").asString())
                .containsExactlyElementsOf(kept);
        await().atMost(StandIns.PATIENCE).untilAsserted(() -> {
            JsonNode fetch = bus.latestProgress(session, "fetch");
            assertThat(fetch.get("state").asString()).isEqualTo("done");
            assertThat(fetch.get("tickers_done").asInt()).isEqualTo(5);
            assertThat(fetch.get("tickers_failed").asInt()).isEqualTo(5);
            assertThat(fetch.get("dropped")).isEqualTo(completed.get("dropped"));
        });
    }

    @Test
    void runWhoseEveryChunkFailsEndsFailureWithoutFiltering() {
        String session = RunBus.newSession();
        List<String> tickers = TEN.subList(0, 6);
        for (TaskType type : List.of(TaskType.FETCH_PRICES, TaskType.FETCH_FUNDAMENTALS)) {
            standIns.script(session, type, (task, context) -> {
                throw new PermanentTaskFailure("provider down");
            });
        }
        bus.refresh(session, tickers);

        JsonNode completed = bus.awaitCompleted(session);

        assertThat(completed.get("status").asString()).isEqualTo("FAILURE");
        assertThat(completed.get("reason").asString())
                .isEqualTo("no ticker left after the fetch step: all 6 were dropped");
        assertThat(completed.get("dropped"))
                .extracting(d -> d.get("ticker").asString())
                .containsExactlyElementsOf(tickers);
        assertThat(completed.get("dropped"))
                .allSatisfy(d -> assertThat(d.get("reason").asString()).isEqualTo("provider down"));
        assertThat(completed.get("recommendations")).isEmpty();
        bus.assertEndedInFetch(session);
    }

    @Test
    void duplicateNoticesRacingForAStepAdvanceItExactlyOnce() throws Exception {
        String session = RunBus.newSession();
        StandIns.Parking parking = standIns.parkFetches(session);
        bus.refresh(session, TEN.subList(0, 6));
        await().atMost(StandIns.PATIENCE).until(() -> parking.parked() == 4);

        // Sixteen notices for each of the four children, published at once from eight threads.
        List<TaskEnvelope> notices = new ArrayList<>();
        for (TaskType type : List.of(TaskType.FETCH_PRICES, TaskType.FETCH_FUNDAMENTALS)) {
            for (TaskEnvelope child : standIns.received(session, type)) {
                for (int copy = 0; copy < 16; copy++) {
                    notices.add(bus.notice(
                            child, TaskIds.newId(), TaskStatus.SUCCESS, Map.of("tickers", Map.of(), "written", 0)));
                }
            }
        }
        Collections.shuffle(notices);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<UUID>> sent = new ArrayList<>();
            notices.forEach(notice -> sent.add(threads.submit(() -> publisher.publish(notice))));
            for (Future<UUID> future : sent) {
                future.get();
            }
        }
        await().atMost(StandIns.PATIENCE)
                .until(() -> standIns.received(session, TaskType.INITIAL_FILTER).size() == 1);
        parking.release(); // the children's own notices: four more duplicates

        assertThat(bus.awaitCompleted(session).get("status").asString()).isEqualTo("SUCCESS");
        // Besides those by hand, the children's own: four of the fetch step, one each of filter and select.
        await().atMost(StandIns.PATIENCE).until(() -> noticesHandled(session).size() == notices.size() + 6);
        assertThat(noticesHandled(session))
                .extracting(event -> event.details().path("verdict").asString() + " "
                        + event.details().path("step").asString())
                .containsOnlyOnce("completed fetch");
        assertThat(bus.published(session, TaskType.INITIAL_FILTER)).isEqualTo(1);
        assertThat(standIns.received(session, TaskType.INITIAL_FILTER)).hasSize(1);
        assertThat(bus.published(session, TaskType.FINAL_SELECTION)).isEqualTo(1);
    }

    @Test
    void noticeRunAgainAfterItsHandlerDiedRightAfterTheJoinAdvancesTheStepOnce() {
        String session = RunBus.newSession();
        StandIns.Parking parking = standIns.parkFetches(session);
        bus.refresh(session, TEN.subList(0, 3));
        await().atMost(StandIns.PATIENCE).until(() -> parking.parked() == 2);
        TaskEnvelope prices = standIns.received(session, TaskType.FETCH_PRICES).getFirst();
        TaskEnvelope fundamentals =
                standIns.received(session, TaskType.FETCH_FUNDAMENTALS).getFirst();

        // What a handler does first, then dies: the join script counted both endings, the second completed the step.
        UUID first = TaskIds.newId();
        UUID completing = TaskIds.newId();
        assertThat(store.record(
                                session,
                                prices.taskId(),
                                first,
                                bus.notice(prices, first, TaskStatus.SUCCESS, Map.of())
                                        .payload())
                        .verdict())
                .isEqualTo(RunStore.Verdict.RECORDED);
        TaskEnvelope lastNotice = bus.notice(fundamentals, completing, TaskStatus.SUCCESS, Map.of());
        assertThat(store.record(session, fundamentals.taskId(), completing, lastNotice.payload())
                        .verdict())
                .isEqualTo(RunStore.Verdict.COMPLETED);

        // A duplicate notice is not the one that completed the step: it does not advance it.
        UUID duplicate = publisher.publish(bus.notice(fundamentals, TaskIds.newId(), TaskStatus.SUCCESS, Map.of()));
        await().atMost(StandIns.PATIENCE)
                .until(() -> noticesHandled(session).stream()
                        .anyMatch(event -> event.taskId().equals(duplicate)));
        assertThat(bus.published(session, TaskType.INITIAL_FILTER)).isZero();
        assertThat(api.get("/api/runs/" + session).get("phase").asString()).isEqualTo("advancing");

        // The bus runs the dead handler's notice again (same task id): it finishes the advance.
        publisher.publish(lastNotice);
        await().atMost(StandIns.PATIENCE)
                .until(() -> standIns.received(session, TaskType.INITIAL_FILTER).size() == 1);
        parking.release();

        assertThat(bus.awaitCompleted(session).get("status").asString()).isEqualTo("SUCCESS");
        assertThat(bus.published(session, TaskType.INITIAL_FILTER)).isEqualTo(1);
    }

    @Test
    void refreshWithoutTickersEndsFailureAtOnce() {
        String session = RunBus.newSession();
        bus.refresh(session, List.of());

        JsonNode completed = bus.awaitCompleted(session);

        assertThat(completed.get("status").asString()).isEqualTo("FAILURE");
        assertThat(completed.get("reason").asString()).isEqualTo("the refresh has no tickers");
        assertThat(bus.published(session, TaskType.FETCH_PRICES)).isZero();
    }

    @Test
    void secondRefreshOfAKnownSessionStartsNoSecondRun() {
        String session = RunBus.newSession();
        bus.refresh(session, TEN.subList(0, 2));
        bus.awaitCompleted(session);
        UUID again = bus.refresh(session, TEN);

        await().atMost(StandIns.PATIENCE)
                .until(() -> bus.sessionEvents(QueueName.ORCHESTRATOR_TASKS, session).stream()
                        .anyMatch(
                                event -> event.taskId().equals(again) && event.eventType() == EventType.TASK_NO_DATA));
        assertThat(bus.published(session, TaskType.FETCH_PRICES)).isEqualTo(1);
        assertThat(bus.published(session, TaskType.RUN_COMPLETED)).isEqualTo(1);
    }

    @Test
    void runViewAnswersProblemDetailsForUnknownAndMalformedSessions() {
        JsonNode missing = api.problem(HttpMethod.GET, "/api/runs/run-unknown", null, HttpStatus.NOT_FOUND);
        assertThat(missing.get("title").asString()).isEqualTo("Run not found");
        JsonNode malformed = api.problem(HttpMethod.GET, "/api/runs/not a session", null, HttpStatus.BAD_REQUEST);
        assertThat(malformed.get("parameter").asString()).isEqualTo("sessionId");
        assertThat(api.get("/v3/api-docs").get("paths").has("/api/runs/{sessionId}"))
                .isTrue();
    }

    /** The ending events of the session's task_finished notices, with each one's verdict in its details. */
    List<TaskEvent> noticesHandled(String session) {
        return bus.sessionEvents(QueueName.ORCHESTRATOR_TASKS, session).stream()
                .filter(event -> TaskType.TASK_FINISHED_NAME.equals(event.taskType())
                        && (event.eventType() == EventType.TASK_SUCCEEDED
                                || event.eventType() == EventType.TASK_NO_DATA))
                .toList();
    }
}
