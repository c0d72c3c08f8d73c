package com.split.tasks.bus.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.Traceparent;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.test.SplitTestRedis;
import com.split.tasks.test.TaskEnvelopes;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Task runs traced through the real bus on Redis, with the tracer Spring Boot configures: a task published within a
 * span is its child, the task it publishes in turn is the run's child, each run has its wait beside it, and the run's
 * MDC carries its span.
 */
@SpringBootTest(
        classes = TaskTracingIntegrationTests.TracedService.class,
        properties = {
            "management.tracing.sampling.probability=1.0",
            "management.opentelemetry.tracing.export.schedule-delay=50ms"
        })
@Import(SplitTestRedis.class)
class TaskTracingIntegrationTests {

    static final TaskType CHILD = new TaskType("test_child", QueueName.of("test_children"), "tests");

    @Autowired
    Tracer tracer;

    @Autowired
    TaskPublisher publisher;

    @Autowired
    Collected exported;

    @Autowired
    ConcurrentHashMap<UUID, String> mdcTraceparents;

    @Test
    void aTaskIsAChildOfThePublishingSpanAndTheParentOfWhatItPublishes() {
        Span request = tracer.nextSpan().name("request").start();
        UUID parentTask;
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            parentTask = publisher.publish(TaskEnvelopes.testTask().build());
        } finally {
            request.end();
        }
        String traceId = request.context().traceId();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(exported.spans())
                        .extracting(SpanData::getName)
                        .contains("request", "test_task", "test_tasks wait", "test_child", "test_children wait"));

        // One trace: no Redis command made one of its own.
        List<SpanData> spans = exported.spans();
        assertThat(spans).extracting(SpanData::getTraceId).containsOnly(traceId);
        SpanData run = named(spans, "test_task");
        SpanData child = named(spans, "test_child");
        assertThat(run.getParentSpanId()).isEqualTo(request.context().spanId());
        assertThat(child.getParentSpanId()).isEqualTo(run.getSpanId());
        assertThat(run.getAttributes().asMap())
                .containsEntry(AttributeKey.stringKey("split.task.id"), parentTask.toString())
                .containsEntry(AttributeKey.stringKey("split.task.type"), "test_task")
                .containsEntry(AttributeKey.stringKey("split.task.queue"), "test_tasks")
                .containsEntry(AttributeKey.longKey("split.task.attempt"), 0L)
                .containsEntry(AttributeKey.stringKey("split.session.id"), "session-test")
                .containsEntry(AttributeKey.stringKey("split.task.outcome"), "SUCCESS")
                .containsKey(AttributeKey.longKey("split.task.queue_wait_ms"));

        SpanData wait = named(spans, "test_tasks wait");
        assertThat(wait.getParentSpanId()).isEqualTo(run.getParentSpanId());
        assertThat(wait.getEndEpochNanos()).isEqualTo(run.getStartEpochNanos());
        // the span's times are in microseconds, the attribute in whole milliseconds
        assertThat(Duration.ofNanos(wait.getEndEpochNanos() - wait.getStartEpochNanos())
                        .toMillis())
                .isCloseTo(run.getAttributes().get(AttributeKey.longKey("split.task.queue_wait_ms")), within(1L));

        // The run's log lines carry its span, which log-srv keeps as the record's traceparent.
        assertThat(mdcTraceparents).containsEntry(parentTask, Traceparent.of(traceId, run.getSpanId(), true));
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream()
                .filter(span -> span.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** The spans the service exported. */
    static final class Collected implements SpanExporter {

        private final List<SpanData> spans = new CopyOnWriteArrayList<>();

        List<SpanData> spans() {
            return List.copyOf(spans);
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    /** A service with two handlers: a test task that publishes a child task, and the child. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TracedService {

        @Bean
        Collected collected() {
            return new Collected();
        }

        @Bean
        ConcurrentHashMap<UUID, String> mdcTraceparents() {
            return new ConcurrentHashMap<>();
        }

        @Bean
        TaskHandler parentHandler(TaskPublisher publisher, ConcurrentHashMap<UUID, String> mdcTraceparents) {
            return TaskHandler.of(TaskEnvelopes.TEST_TASK, (task, context) -> {
                mdcTraceparents.put(task.taskId(), MDC.get(Traceparent.MDC_KEY));
                publisher.publish(TaskEnvelopes.of(CHILD).build());
                return TaskOutcome.success();
            });
        }

        @Bean
        TaskHandler childHandler() {
            return TaskHandler.of(CHILD, (TaskEnvelope task, TaskContext context) -> TaskOutcome.success());
        }
    }
}
