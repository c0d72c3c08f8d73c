package com.split.events.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.QueueName;
import com.split.tasks.TaskType;
import com.split.tasks.bus.schedule.MissedRuns;
import com.split.tasks.bus.schedule.Schedule;
import com.split.tasks.bus.schedule.ScheduledTask;
import com.split.tasks.bus.schedule.Schedules;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.web.test.ApiClient;
import com.split.web.test.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Schedules through the API, end to end: real HTTP, the scheduler event-srv runs, real Redis and MariaDB, and the
 * journal of {@code idle_tasks}, which has no worker, so that each run stays QUEUED.
 */
@SplitIntegrationTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"split.events.queues=idle_tasks", "split.events.recovery.enabled=false"})
@Import(ApiClient.class)
class ScheduleApiIntegrationTests {

    static final String IDLE_TASK = """
            {"task_type": "idle_task", "queue": "idle_tasks", "target_module": "tests", "tickers": ["MSFT"],
             "payload": {"depth": 2}}""";

    @Autowired
    ApiClient api;

    @Autowired
    Schedules schedules;

    @Test
    void aScheduleDefinedThroughTheApiRunsIsShownAndIsRemoved() {
        String name = "every-second-" + UUID.randomUUID();
        String path = "/api/schedules/" + name;
        String body = """
                {"every": "1s", "missed": "skip", "task": %s}""".formatted(IDLE_TASK);

        JsonNode created = api.as(TestUsers.OPERATOR).send(HttpMethod.PUT, path, body, HttpStatus.CREATED);
        assertThat(created.at("/schedule/owner").asString()).isEqualTo("api");
        assertThat(created.at("/schedule/updated_by").asString()).isEqualTo("operator");
        assertThat(created.at("/schedule/task/max_retries").asInt()).isEqualTo(5);
        assertThat(Instant.parse(created.get("next_run").asString()))
                .isAfter(Instant.now().minusSeconds(1));
        assertThat(created.get("runs").asString()).isEqualTo("/api/tasks?sessionId=schedule." + name);

        // the scheduler in this service publishes each second, and the journal lists the runs under the schedule
        JsonNode shown =
                await().atMost(Duration.ofSeconds(10)).until(() -> api.get(path), view -> view.hasNonNull("last_run"));
        assertThat(shown.at("/last_run/skipped").asBoolean()).isFalse();
        String taskId = shown.at("/last_run/task_id").asString();
        JsonNode task = await().atMost(Duration.ofSeconds(10))
                .until(() -> api.find("/api/tasks/" + taskId), found -> found.isPresent())
                .orElseThrow();
        assertThat(task.get("status").asString()).isEqualTo("QUEUED");
        assertThat(task.get("session_id").asString()).isEqualTo("schedule." + name);
        assertThat(api.get(shown.get("runs").asString()).get("content")).isNotEmpty();
        assertThat(names(api.get("/api/schedules"))).contains(name);

        JsonNode replaced =
                api.as(TestUsers.OPERATOR).send(HttpMethod.PUT, path, body.replace("\"1s\"", "\"1h\""), HttpStatus.OK);
        assertThat(replaced.at("/schedule/every").asString()).isEqualTo("1h");

        api.as(TestUsers.OPERATOR)
                .http()
                .delete()
                .uri(path)
                .exchange()
                .expectStatus()
                .isNoContent();
        api.problem(HttpMethod.GET, path, null, HttpStatus.NOT_FOUND);
        List<String> actions = new ArrayList<>();
        api.get("/api/queues/idle_tasks/actions")
                .forEach(action -> actions.add(action.get("action").asString() + " by "
                        + action.get("actor").asString()));
        assertThat(actions)
                .containsSubsequence(
                        "schedule_removed by operator", "schedule_put by operator", "schedule_put by operator");
    }

    @Test
    void aScheduleThatCannotBeIsRefusedWithWhatIsWrong() {
        ApiClient operator = api.as(TestUsers.OPERATOR);
        String path = "/api/schedules/nightly-" + UUID.randomUUID();
        assertThat(operator.problem(HttpMethod.PUT, path, """
                        {"cron": "0 25 * * *", "task": %s}""".formatted(IDLE_TASK), HttpStatus.BAD_REQUEST)
                        .get("detail")
                        .asString())
                .contains("cron '0 25 * * *' is not valid");
        assertThat(operator.problem(HttpMethod.PUT, path, """
                        {"every": "1h"}""", HttpStatus.BAD_REQUEST)
                        .get("detail")
                        .asString())
                .contains("a schedule needs a task");
        assertThat(operator.problem(HttpMethod.PUT, path, """
                        {"cron": "0 2 * * *", "every": "1h", "task": %s}""".formatted(IDLE_TASK), HttpStatus.BAD_REQUEST)
                        .get("detail")
                        .asString())
                .contains("exactly one of cron and every");
        operator.problem(HttpMethod.PUT, path, """
                {"every": "1h", "task": {"task_type": "not_ours"}}""", HttpStatus.BAD_REQUEST);
        operator.problem(HttpMethod.PUT, path, """
                {"every": "1h", "missed": "sometimes", "task": %s}""".formatted(IDLE_TASK), HttpStatus.BAD_REQUEST);
        operator.problem(
                HttpMethod.PUT, "/api/schedules/Nightly_Refresh", """
                {"every": "1h", "task": %s}""".formatted(IDLE_TASK), HttpStatus.BAD_REQUEST);
        api.as(TestUsers.VIEWER).problem(HttpMethod.PUT, path, """
                {"every": "1h", "task": %s}""".formatted(IDLE_TASK), HttpStatus.FORBIDDEN);
        operator.problem(HttpMethod.GET, path, null, HttpStatus.NOT_FOUND);
    }

    @Test
    void aScheduleManagedElsewhereIsShownButNotChangedHere() {
        String name = "portfolio-refresh-" + UUID.randomUUID();
        schedules.put(new Schedule(
                name,
                "30 16 * * MON-FRI",
                "America/New_York",
                null,
                MissedRuns.RUN_ONCE,
                ScheduledTask.of(
                        TaskType.SCHEDULED_REFRESH,
                        "user_zero",
                        JsonNodeFactory.instance.objectNode().put("portfolio_id", 1)),
                "portfolio-mngr",
                Instant.now(),
                "portfolio-mngr"));
        try {
            JsonNode shown = api.get("/api/schedules/" + name);
            assertThat(shown.at("/schedule/task/queue").asString()).isEqualTo(QueueName.PORTFOLIO_TASKS.value());
            assertThat(shown.get("next_run").asString()).matches(".*T(20|21):30:00Z");
            assertThat(api.as(TestUsers.OPERATOR)
                            .problem(
                                    HttpMethod.PUT,
                                    "/api/schedules/" + name,
                                    """
                                    {"every": "1h", "task": %s}""".formatted(IDLE_TASK),
                                    HttpStatus.CONFLICT)
                            .get("detail")
                            .asString())
                    .contains("managed by portfolio-mngr");
            api.as(TestUsers.OPERATOR).problem(HttpMethod.DELETE, "/api/schedules/" + name, null, HttpStatus.CONFLICT);
        } finally {
            schedules.remove(name);
        }
    }

    private static List<String> names(JsonNode views) {
        List<String> names = new ArrayList<>();
        views.forEach(view -> names.add(view.at("/schedule/name").asString()));
        return names;
    }
}
