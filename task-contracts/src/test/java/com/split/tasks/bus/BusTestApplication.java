package com.split.tasks.bus;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.PermanentTaskFailure;
import com.split.tasks.bus.worker.RetryLaterException;
import com.split.tasks.bus.worker.TaskContext;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.TaskEnvelopes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/**
 * A service for bus tests (Redis only, no database): one handler whose behaviour each task's payload chooses, recording every run.
 *
 * <p>Payload {@code {"action": …}}: {@code ok} (default), {@code fail} (throws, so it is retried), {@code fail_once}
 * (fails on attempt 0 only), {@code permanent}, {@code retry_in} ({@code ms}), {@code sleep} ({@code ms}, calling
 * {@code throwIfCancelled} every 10 ms), {@code no_data}, {@code report} (progress and a business result),
 * {@code long_error} and {@code long_details} (a permanent failure's message, or a success's details, of {@code chars}
 * characters), {@code pause_redis} (sleeps {@code ms}, then pauses every Redis client for {@code pause_ms} with
 * {@code CLIENT PAUSE}, then succeeds), {@code deaf} (runs {@code ms} deaf to interrupts, then succeeds).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BusTestApplication {

    // Turns the payload maps into JSON as a publisher's codec would.
    private static final TaskCodec PAYLOADS = new TaskCodec();

    /** Every handler run, in start order. */
    public record Run(
            UUID taskId,
            int attempt,
            String workerId,
            long startedNanos,
            @Nullable String mdcTaskId) {}

    @Bean
    SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    ConcurrentLinkedQueue<Run> runs() {
        return new ConcurrentLinkedQueue<>();
    }

    @Bean
    TaskHandler scriptedHandler(ConcurrentLinkedQueue<Run> runs, BusRedis redis) {
        return new ScriptedHandler(TaskEnvelopes.TEST_TASK, runs, redis);
    }

    public static Map<String, Object> action(String action, long millis) {
        return Map.of("action", action, "ms", millis);
    }

    /** A test task whose payload tells the {@link ScriptedHandler} what to do. */
    public static TaskEnvelope.Builder scripted(String action, long millis) {
        return TaskEnvelopes.testTask().payload(PAYLOADS.toPayload(action(action, millis)));
    }

    public static List<UUID> ranTasks(ConcurrentLinkedQueue<Run> runs) {
        return runs.stream().map(Run::taskId).toList();
    }

    public record ScriptedHandler(TaskType type, ConcurrentLinkedQueue<Run> runs, BusRedis redis)
            implements TaskHandler {

        @Override
        public TaskOutcome handle(TaskEnvelope task, TaskContext context) throws Exception {
            runs.add(new Run(task.taskId(), task.attempt(), context.workerId(), System.nanoTime(), MDC.get("task_id")));
            JsonNode payload = task.payload();
            String action = payload.path("action").asString("ok");
            long millis = payload.path("ms").asLong(0);
            return switch (action) {
                case "ok" -> TaskOutcome.success(Map.of("attempt", task.attempt()));
                case "no_data" -> TaskOutcome.noData("already current", Map.of("kept_rows", 3));
                case "report" -> {
                    context.progress(Map.of("done", 1, "of", 2));
                    context.businessResult(Map.of("rows_written", 7));
                    yield TaskOutcome.success(Map.of("rows_written", 7));
                }
                case "fail" -> throw new IllegalStateException("scripted failure on attempt " + task.attempt());
                case "fail_once" -> {
                    if (task.attempt() == 0) {
                        throw new IllegalStateException("first attempt fails");
                    }
                    yield TaskOutcome.success();
                }
                case "permanent" -> throw new PermanentTaskFailure("unknown ticker");
                case "long_error" ->
                    throw new PermanentTaskFailure(
                            "x".repeat(payload.path("chars").asInt()));
                case "long_details" ->
                    TaskOutcome.success(
                            Map.of("blob", "x".repeat(payload.path("chars").asInt())));
                case "pause_redis" -> {
                    Thread.sleep(millis); // the handler's work: it returns this long before its deadline
                    redis.await(redis.commands()
                            .clientPause(payload.path("pause_ms").asLong()));
                    yield TaskOutcome.success();
                }
                case "retry_in" -> {
                    if (task.attempt() == 0) {
                        throw new RetryLaterException(Duration.ofMillis(millis), "rate limited");
                    }
                    yield TaskOutcome.success();
                }
                case "deaf" -> {
                    // a handler no interrupt reaches, like JDBC without a query timeout
                    long end = System.nanoTime() + millis * 1_000_000;
                    while (System.nanoTime() < end) {
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException ignored) {
                            // deaf
                        }
                    }
                    yield TaskOutcome.success();
                }
                case "sleep" -> {
                    long end = System.nanoTime() + millis * 1_000_000;
                    while (System.nanoTime() < end) {
                        context.throwIfCancelled();
                        Thread.sleep(10);
                    }
                    yield TaskOutcome.success();
                }
                default -> TaskOutcome.failed("unknown scripted action " + action);
            };
        }
    }
}
