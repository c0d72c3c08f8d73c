package com.split.portfolio.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.portfolio.PortfolioApi;
import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskPriority;
import com.split.tasks.TaskType;
import com.split.tasks.bus.BusEvents;
import com.split.tasks.bus.BusScripts;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.schedule.LastRun;
import com.split.tasks.bus.schedule.RecurringScheduler;
import com.split.tasks.bus.schedule.Schedule;
import com.split.tasks.bus.schedule.Schedules;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.web.test.TestUsers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Daily refreshes over real HTTP, with the bus's schedules in Redis, portfolio-mngr's own workers and MariaDB. The
 * default portfolio of {@code user_zero}, seeded at start, has its refresh on by default here, as in a deployment.
 */
@SplitIntegrationTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "split.portfolio.daily-refresh.on-by-default-for=user_zero")
@Import({PortfolioApi.class, BusEvents.class})
class DailyRefreshIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    PortfolioApi api;

    @Autowired
    Schedules schedules;

    @Autowired
    BusScripts scripts;

    @Autowired
    TaskCodec codec;

    @Autowired
    TaskPublisher publisher;

    @Autowired
    BusEvents bus;

    long defaultPortfolio() {
        return api.get("/api/portfolios").get(0).get("id").asLong();
    }

    @Test
    void userZerosPortfolioIsRefreshedAfterTheCloseByDefaultAndItsScheduleIsInRedis() {
        long id = defaultPortfolio();

        JsonNode daily = api.get("/api/portfolios/%d/daily-refresh".formatted(id));

        assertThat(daily.get("enabled").asBoolean()).isTrue();
        assertThat(daily.get("by_default").asBoolean()).isTrue();
        assertThat(daily.get("at").asString()).isEqualTo("16:30");
        assertThat(daily.get("zone").asString()).isEqualTo("America/New_York");
        // 16:30 in New York: 21:30 UTC in winter, 20:30 in summer
        assertThat(daily.get("next_run").asString()).matches(".*T2[01]:30:00Z");
        Schedule schedule = await().atMost(PATIENCE)
                .until(() -> schedules.get("portfolio-refresh-" + id), found -> found.isPresent())
                .orElseThrow();
        assertThat(schedule.cron()).isEqualTo("0 30 16 * * MON-FRI");
        assertThat(schedule.owner()).isEqualTo("portfolio-mngr");
        assertThat(schedule.task().type()).isEqualTo(TaskType.SCHEDULED_REFRESH);
        assertThat(schedule.task().userId()).isEqualTo("user_zero");
        assertThat(schedule.task().payload().get("portfolio_id").asLong()).isEqualTo(id);
    }

    @Test
    void aPortfoliosDailyRefreshIsTurnedOnAtItsOwnTimeAndOffAndItsScheduleFollows() {
        long id = api.createPortfolio("owner_" + UUID.randomUUID().toString().substring(0, 8), "Daily", "KO");
        String path = "/api/portfolios/%d/daily-refresh".formatted(id);
        assertThat(api.get(path).get("enabled").asBoolean())
                .as("off by default for others")
                .isFalse();
        assertThat(schedules.get(DailyRefreshes.scheduleName(id))).isEmpty();

        JsonNode on = api.call(HttpMethod.PUT, path, """
                {"enabled": true, "at": "09:45"}""", TestUsers.ADMIN, HttpStatus.OK);

        assertThat(on.get("enabled").asBoolean()).isTrue();
        assertThat(on.get("by_default").asBoolean()).isFalse();
        assertThat(on.get("next_run").asString()).matches(".*T1[34]:45:00Z");
        assertThat(schedules.get(DailyRefreshes.scheduleName(id)).orElseThrow().cron())
                .isEqualTo("0 45 9 * * MON-FRI");

        JsonNode off = api.call(HttpMethod.PUT, path, """
                {"enabled": false}""", TestUsers.ADMIN, HttpStatus.OK);
        assertThat(off.get("enabled").asBoolean()).isFalse();
        assertThat(off.get("next_run").isNull()).isTrue();
        assertThat(schedules.get(DailyRefreshes.scheduleName(id))).isEmpty();
    }

    @Test
    void aChangeThatCannotBeIsRefused() {
        long id = defaultPortfolio();
        String path = "/api/portfolios/%d/daily-refresh".formatted(id);
        assertThat(api.call(HttpMethod.PUT, path, """
                        {"enabled": true, "at": "25:00"}""", TestUsers.ADMIN, HttpStatus.BAD_REQUEST)
                        .get("detail")
                        .asString())
                .contains("HH:mm");
        api.call(HttpMethod.PUT, path, "{}", TestUsers.ADMIN, HttpStatus.BAD_REQUEST);
        api.call(HttpMethod.PUT, path, """
                {"enabled": false}""", TestUsers.VIEWER, HttpStatus.FORBIDDEN);
        // another user's portfolio is not found, unless the caller is an operator
        long others =
                api.createPortfolio("other_" + UUID.randomUUID().toString().substring(0, 8), "Theirs", "KO");
        api.call(
                HttpMethod.GET,
                "/api/portfolios/%d/daily-refresh".formatted(others),
                null,
                TestUsers.VIEWER,
                HttpStatus.NOT_FOUND);
        api.call(
                HttpMethod.GET,
                "/api/portfolios/%d/daily-refresh".formatted(others),
                null,
                TestUsers.OPERATOR,
                HttpStatus.OK);
        api.call(HttpMethod.GET, "/api/portfolios/0/daily-refresh", null, TestUsers.ADMIN, HttpStatus.BAD_REQUEST);
    }

    @Test
    void aDueDailyRefreshStartsARunAsTheDailyRefresh() {
        long id = api.createPortfolio("owner_" + UUID.randomUUID().toString().substring(0, 8), "Due", "AAPL", "KO");
        JsonNode daily = api.call(
                HttpMethod.PUT, "/api/portfolios/%d/daily-refresh".formatted(id), """
                {"enabled": true}""", TestUsers.ADMIN, HttpStatus.OK);
        // a scheduler whose clock stands just after the next due time: the run it publishes is real
        Instant due = Instant.parse(daily.get("next_run").asString());
        new RecurringScheduler(
                        schedules,
                        scripts,
                        codec,
                        Clock.fixed(due.plusSeconds(5), ZoneOffset.UTC),
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(1),
                        "portfolio-mngr",
                        "tests",
                        List.of(),
                        new SimpleMeterRegistry())
                .tick();

        Schedule schedule = schedules.get(DailyRefreshes.scheduleName(id)).orElseThrow();
        LastRun published = schedules.lastRuns(List.of(schedule)).get(schedule.name());
        assertThat(published.due()).isEqualTo(due);
        assertThat(published.skipped()).isFalse();
        TaskEvent ending = bus.awaitEnding(QueueName.PORTFOLIO_TASKS, published.taskId(), PATIENCE);
        assertThat(ending.eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        String session = ending.details().get("session_id").asString();
        JsonNode run = api.get("/api/runs/" + session);
        assertThat(run.get("requested_by").asString()).isEqualTo("daily-refresh");
        assertThat(bus.ready(QueueName.ORCHESTRATOR_TASKS))
                .filteredOn(refresh -> refresh.sessionId().equals(session))
                .singleElement()
                .extracting(TaskEnvelope::priority)
                .as("after the refreshes users start")
                .isEqualTo(TaskPriority.LOW);
        assertThat(run.get("portfolio_id").asLong()).isEqualTo(id);
    }

    @Test
    void aDailyRefreshTurnedOffAfterItWasPublishedDoesNothing() {
        long id = api.createPortfolio("owner_" + UUID.randomUUID().toString().substring(0, 8), "Off", "KO");
        TaskEnvelope task = TaskEnvelope.builder(TaskType.SCHEDULED_REFRESH)
                .sessionId("schedule." + DailyRefreshes.scheduleName(id))
                .payload(codec.mapper().createObjectNode().put("portfolio_id", id))
                .build();
        publisher.publish(task);

        TaskEvent ending = bus.awaitEnding(QueueName.PORTFOLIO_TASKS, task.taskId(), PATIENCE);

        assertThat(ending.eventType()).isEqualTo(EventType.TASK_NO_DATA);
        assertThat(api.get("/api/portfolios/%d/runs".formatted(id)).get("content"))
                .isEmpty();
    }
}
