package com.split.logsrv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.logsrv.store.LogRetention;
import com.split.tasks.TaskIds;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.web.test.ApiClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Records on {@code split:logs} stored in MariaDB/MySQL and served over real HTTP; real Redis and database. */
@SplitIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ApiClient.class)
class LogStoreIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    BusRedis redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    TaskCodec codec;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LogRetention retention;

    @Autowired
    ApiClient api;

    ObjectNode record(String level, String module, String message, Instant at) {
        ObjectNode record = codec.mapper().createObjectNode();
        record.put("id", TaskIds.newId().toString());
        record.put("timestamp", at.toString());
        record.put("level", level);
        record.put("module", module);
        record.put("instance", module + "-1");
        record.put("logger", "com.split.Example");
        record.put("thread", "main");
        record.put("message", message);
        return record;
    }

    String ship(JsonNode record) {
        return ship(Map.of("record", record.toString()));
    }

    String ship(Map<String, String> fields) {
        Map<String, byte[]> body = new LinkedHashMap<>();
        fields.forEach((name, value) -> body.put(name, value.getBytes(StandardCharsets.UTF_8)));
        return redis.await(redis.commands().xadd(keys.logs(), body));
    }

    JsonNode awaitPage(String query, int size) {
        JsonNode[] page = new JsonNode[1];
        await().atMost(PATIENCE).until(() -> {
            page[0] = api.get("/api/logs?" + query);
            return page[0].get("total_elements").asLong() == size;
        });
        return page[0];
    }

    @Test
    void storesShippedRecordsWithTheirTaskContextAndServesThemFiltered() {
        String session = "session-" + UUID.randomUUID();
        String taskId = UUID.randomUUID().toString();
        Instant start = Instant.parse("2026-11-25T10:00:00.123Z");
        ObjectNode failure = record("ERROR", "yahoo-gateway", "fetch failed for AAPL", start.plusSeconds(2));
        failure.put("task_id", taskId);
        failure.put("session_id", session);
        failure.put("user_id", "user_zero");
        failure.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        ObjectNode exception = failure.putObject("exception");
        exception.put("type", "java.io.IOException");
        exception.put("message", "connection reset");
        exception.put(
                "stack_trace", "java.io.IOException: connection reset\n\tat com.split.Example.fetch(Example.java:42)");
        ObjectNode warning = record("WARN", "init-filter", "50% of tickers had no data", start.plusSeconds(1));
        warning.put("session_id", session);
        ObjectNode info = record("INFO", "init-filter", "filtered 12 tickers", start);
        info.put("session_id", session);
        ship(failure);
        ship(warning);
        ship(info);

        JsonNode all = awaitPage("sessionId=" + session, 3);
        assertThat(all.get("content").valueStream().map(row -> row.get("level").asString()))
                .containsExactly("ERROR", "WARN", "INFO");

        JsonNode byTask = api.get("/api/logs?taskId=" + taskId).get("content").get(0);
        assertThat(byTask.get("id").asString()).isEqualTo(failure.get("id").asString());
        assertThat(byTask.get("timestamp").asString()).isEqualTo("2026-11-25T10:00:02.123Z");
        assertThat(byTask.get("module").asString()).isEqualTo("yahoo-gateway");
        assertThat(byTask.get("session_id").asString()).isEqualTo(session);
        assertThat(byTask.get("user_id").asString()).isEqualTo("user_zero");
        JsonNode metadata = byTask.get("metadata");
        assertThat(metadata.get("exception").get("stack_trace").asString()).contains("Example.java:42");
        assertThat(metadata.get("traceparent").asString()).startsWith("00-0af7");
        assertThat(metadata.get("logger").asString()).isEqualTo("com.split.Example");

        assertThat(ids(api.get("/api/logs?level=warn&sessionId=" + session)))
                .containsExactly(failure.get("id").asString(), warning.get("id").asString());
        assertThat(ids(api.get("/api/logs?module=init-filter&sessionId=" + session)))
                .containsExactly(warning.get("id").asString(), info.get("id").asString());
        assertThat(ids(api.get("/api/logs?q=50%&sessionId=" + session)))
                .containsExactly(warning.get("id").asString());
        assertThat(ids(api.get("/api/logs?q=FETCH&sessionId=" + session)))
                .as("text search ignores case")
                .containsExactly(failure.get("id").asString());
        assertThat(ids(api.get("/api/logs?from=2026-11-25T10:00:01Z&to=2026-11-25T10:00:02.123Z&sessionId=" + session)))
                .containsExactly(warning.get("id").asString());
        JsonNode second = api.get("/api/logs?size=2&page=1&sessionId=" + session);
        assertThat(ids(second)).containsExactly(info.get("id").asString());
        assertThat(second.get("total_pages").asLong()).isEqualTo(2);
    }

    @Test
    void aRecordDeliveredTwiceIsStoredOnce() {
        String session = "session-" + UUID.randomUUID();
        ObjectNode record = record("WARN", "event-srv", "twice", Instant.now());
        record.put("session_id", session);

        ship(record);
        ship(record);

        awaitPage("sessionId=" + session, 1);
        await().atMost(PATIENCE).until(() -> redis.await(redis.commands().xlen(keys.logs())) == 0);
        assertThat(api.get("/api/logs?sessionId=" + session)
                        .get("total_elements")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void anEntryThatIsNotARecordIsRejectedWhileTheNextIsStored() {
        String session = "session-" + UUID.randomUUID();
        String notJson = ship(Map.of("record", "{not json"));
        ObjectNode noLevel = record("WARN", "event-srv", "no level", Instant.now());
        noLevel.remove("level");
        String missingLevel = ship(noLevel);
        String noField = ship(Map.of("message", "where is the record"));
        ObjectNode good = record("WARN", "event-srv", "after the bad ones", Instant.now());
        good.put("session_id", session);
        ship(good);

        awaitPage("sessionId=" + session, 1);
        await().atMost(PATIENCE)
                .until(() ->
                        rejectedReasons(List.of(notJson, missingLevel, noField)).size() == 3);
        assertThat(rejectedReasons(List.of(missingLevel)))
                .singleElement()
                .asString()
                .isEqualTo("level is required");
        assertThat(rejectedReasons(List.of(noField)))
                .singleElement()
                .asString()
                .isEqualTo("entry without a 'record' field");
    }

    @Test
    void retentionDeletesOnlyRecordsOlderThanItsAge() {
        String session = "session-" + UUID.randomUUID();
        ObjectNode old =
                record("ERROR", "event-srv", "from last quarter", Instant.now().minus(Duration.ofDays(40)));
        old.put("session_id", session);
        ObjectNode recent =
                record("ERROR", "event-srv", "from today", Instant.now().minus(Duration.ofDays(1)));
        recent.put("session_id", session);
        ship(old);
        ship(recent);
        awaitPage("sessionId=" + session, 2);

        long deleted = retention.deleteExpired();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(ids(api.get("/api/logs?sessionId=" + session)))
                .containsExactly(recent.get("id").asString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/logs?level=LOUD | level",
                "/api/logs?from=yesterday | from",
                "/api/logs?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z | to",
                "/api/logs?size=0 | size",
                "/api/logs?size=501 | size",
                "/api/logs?page=-1 | page",
                "/api/logs?page=first | page",
            })
    void answersBadRequestNamingTheParameter(String path, String parameter) {
        JsonNode problem = api.problem(HttpMethod.GET, path, null, HttpStatus.BAD_REQUEST);

        assertThat(problem.get("detail").asString()).contains("'" + parameter + "'");
    }

    @Test
    void describesTheApiInOpenApi() {
        JsonNode docs = api.get("/v3/api-docs");

        assertThat(docs.get("paths").get("/api/logs").has("get")).isTrue();
        assertThat(docs.get("paths").get("/api/logs").has("post")).isTrue();
        assertThat(docs.get("components")
                        .get("schemas")
                        .get("LogPage")
                        .get("properties")
                        .has("total_elements"))
                .isTrue();
        api.http().get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    private List<String> rejectedReasons(List<String> entryIds) {
        return jdbc.sql("SELECT reason FROM rejected_records WHERE entry_id IN (:ids)")
                .param("ids", entryIds)
                .query(String.class)
                .list();
    }

    private static List<String> ids(JsonNode page) {
        return page.get("content")
                .valueStream()
                .map(row -> row.get("id").asString())
                .toList();
    }
}
