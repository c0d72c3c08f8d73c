package com.split.yahoo.stocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskIds;
import com.split.tasks.bus.BusEvents;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.SplitIntegrationTest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The examples of publishing from another language that {@code docs/publishing.md} links to,
 * {@code examples/publish-task.sh} (redis-cli) and {@code examples/publish_task.py} (redis-py), run as processes against
 * the test's Redis under the context's key prefix.
 * Each task must be read by the journal's decoder ({@link TaskCodec#fromStreamFields}, what event-srv runs on every
 * entry), run by this service's worker with the offline provider to SUCCESS, and store its bars.
 */
@SplitIntegrationTest
@Import(BusEvents.class)
class PublishingExamplesIntegrationTests {

    /** The repository's root: failsafe runs in the module's directory. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    static final Path EXAMPLES = ROOT.resolve("examples");

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    BusEvents events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataRedisConnectionDetails redisDetails;

    @Test
    void theRedisCliExamplePublishesATaskForAaplByDefaultThatTheWorkerRuns() throws Exception {
        if (!succeeds("redis-cli", "--version")) {
            throw new AssertionError("redis-cli is missing: apt-get install redis-tools (Debian/Ubuntu)");
        }

        UUID taskId = publish("sh", EXAMPLES.resolve("publish-task.sh").toString());

        assertRunsToSuccess(taskId, List.of("AAPL"));
    }

    @Test
    void thePythonExamplePublishesATaskForTheTickersGivenThatTheWorkerRuns() throws Exception {
        UUID taskId = publish(python(), EXAMPLES.resolve("publish_task.py").toString(), "MSFT", "NVDA");

        assertRunsToSuccess(taskId, List.of("MSFT", "NVDA"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"publish-task.sh", "publish_task.py"})
    void thePublishingGuideLinksToEachExample(String example) throws IOException {
        Path guide = ROOT.resolve("docs/publishing.md");
        String target = "../examples/" + example;

        assertThat(Files.readString(guide))
                .as("docs/publishing.md links to examples/%s", example)
                .contains("](" + target + ")");
        assertThat(guide.getParent().resolve(target).normalize())
                .as("the file it links to")
                .isRegularFile();
    }

    /** Runs an example with the test's Redis and key prefix; returns the task id it prints. */
    UUID publish(String... command) throws IOException, InterruptedException {
        Path stderr = Files.createDirectories(Path.of("target", "examples"))
                .resolve(Path.of(command[1]).getFileName() + ".stderr");
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(ROOT.toFile()).redirectError(stderr.toFile());
        builder.environment().put("REDIS_URL", redisUrl());
        builder.environment().put("SPLIT_KEY_PREFIX", events.keys().prefix());
        Process process = builder.start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(30, TimeUnit.SECONDS); // it prints one line: no pipe fills up
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("%s finished within 30 s", command[1]).isTrue();
        assertThat(process.exitValue())
                .as("exit status of %s, which wrote to stderr: %s", command[1], Files.readString(stderr))
                .isZero();

        UUID taskId =
                UUID.fromString(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        assertThat(taskId.variant()).isEqualTo(2);
        assertThat(Instant.ofEpochMilli(TaskIds.epochMillis(taskId))) // throws unless it is a UUIDv7
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        return taskId;
    }

    void assertRunsToSuccess(UUID taskId, List<String> tickers) {
        events.awaitEnding(QueueName.YAHOO_TASKS, taskId, PATIENCE);
        List<TaskEvent> history = events.events(QueueName.YAHOO_TASKS, taskId);

        assertThat(history)
                .extracting(TaskEvent::eventType)
                .containsExactly(
                        EventType.TASK_CREATED,
                        EventType.TASK_QUEUED,
                        EventType.TASK_RECEIVED,
                        EventType.TASK_STARTED,
                        EventType.TASK_BUSINESS_RESULT,
                        EventType.TASK_SUCCEEDED);
        TaskEvent created = history.getFirst();
        assertThat(created.sourceModule())
                .as("the journal's fields, from the envelope")
                .isEqualTo("examples");
        assertThat(created.targetModule()).isEqualTo("yahoo-gateway");
        assertThat(created.userId()).isEqualTo("user_zero");
        assertThat(created.sessionId()).isEqualTo("example-" + taskId);
        assertThat(created.tickers()).isEqualTo(tickers);

        JsonNode result = history.get(4).details();
        long stored = 0;
        for (String ticker : tickers) {
            long bars = jdbc.sql("SELECT COUNT(*) FROM stock_prices WHERE ticker = ?")
                    .param(ticker)
                    .query(Long.class)
                    .single();
            assertThat(bars).as(ticker).isPositive();
            assertThat(result.get("tickers").get(ticker).get("rows").asLong())
                    .as(ticker)
                    .isEqualTo(bars);
            stored += bars;
        }
        assertThat(history.getLast().details().get("rows_written").asLong()).isEqualTo(stored);
    }

    /** The test's Redis as a URL that redis-cli -u and redis-py read. */
    String redisUrl() {
        DataRedisConnectionDetails.Standalone standalone = redisDetails.getStandalone();
        assertThat(standalone).as("a standalone Redis").isNotNull();
        String auth = redisDetails.getPassword() == null
                ? ""
                : encode(redisDetails.getUsername() == null ? "" : redisDetails.getUsername()) + ":"
                        + encode(redisDetails.getPassword()) + "@";
        return "redis://%s%s:%d/%d"
                .formatted(auth, standalone.getHost(), standalone.getPort(), standalone.getDatabase());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"); // userinfo, not a form
    }

    /** The first python3 with redis-py: the PATH's, else Debian's, which a pyenv or virtualenv python3 shadows. */
    static String python() {
        return Stream.of("python3", "/usr/bin/python3")
                .filter(python -> succeeds(python, "-c", "import redis"))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(
                                "No python3 with redis-py: apt-get install python3-redis (Debian/Ubuntu) or pip install redis"));
    }

    static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false; // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
