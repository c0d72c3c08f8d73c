package com.split.tasks.bus.worker;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskStatus;
import com.split.tasks.Traceparent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The spans of the tasks a worker runs, with Micrometer Tracing. Each run is a span named after its task type, a child
 * of the context its envelope's {@code traceparent} carries (the span that published it), current while the handler
 * runs: its logs carry the trace, and the tasks it publishes are its children. Beside it, a {@code <queue> wait} span
 * from the envelope's {@code created_at} to the moment the worker took it shows the time the task waited.
 *
 * <p>{@link #OFF} (no tracer) starts no span: the run's MDC carries its envelope's traceparent as it came, and the
 * tasks it publishes continue that trace ({@link Traceparent#forNewTask()}). Thread-safe.
 */
public final class TaskTracing {

    /** No spans: envelopes carry their traceparent from task to task. */
    public static final TaskTracing OFF = new TaskTracing(Tracer.NOOP, Propagator.NOOP);

    /** The envelope as a carrier: its {@code traceparent} field is the W3C header of that name. */
    private static final Propagator.Getter<TaskEnvelope> TRACEPARENT =
            (task, key) -> "traceparent".equals(key) ? task.traceparent() : null;

    private final Tracer tracer;
    private final Propagator propagator;

    /**
     * @param propagator reads the envelope's {@code traceparent}: W3C, the propagation Spring Boot configures by
     *     default
     */
    public TaskTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Starts the span of a run the worker took at {@code taken} and makes it current on this thread. */
    TracedRun start(TaskEnvelope task, String workerId, Instant taken) {
        long waitedMs = Math.max(0, Duration.between(task.createdAt(), taken).toMillis());
        parent(task)
                .name(task.queue() + " wait")
                .tag("split.task.id", task.taskId().toString())
                .startTimestamp(micros(task.createdAt()), TimeUnit.MICROSECONDS)
                .start()
                .end(micros(taken), TimeUnit.MICROSECONDS);
        Span span = parent(task)
                .name(task.taskType())
                .kind(Span.Kind.CONSUMER)
                .tag("split.task.id", task.taskId().toString())
                .tag("split.task.type", task.taskType())
                .tag("split.task.queue", task.queue().toString())
                .tag("split.task.attempt", task.attempt())
                .tag("split.session.id", task.sessionId())
                .tag("split.worker.id", workerId)
                .tag("split.task.queue_wait_ms", waitedMs)
                .startTimestamp(micros(taken), TimeUnit.MICROSECONDS)
                .start();
        return new TracedRun(span, tracer.withSpan(span), traceparent(span.context(), task));
    }

    private Span.Builder parent(TaskEnvelope task) {
        return task.traceparent() == null ? tracer.spanBuilder().setNoParent() : propagator.extract(task, TRACEPARENT);
    }

    /** The run's span as a traceparent; without a span, the envelope's. */
    private static @Nullable String traceparent(TraceContext context, TaskEnvelope task) {
        return context.traceId().isEmpty()
                ? task.traceparent()
                : Traceparent.of(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled()));
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** A run's span while it is current; closed on the run's thread. */
    static final class TracedRun implements AutoCloseable {

        private final Span span;
        private final Tracer.SpanInScope scope;
        private final @Nullable String traceparent;

        private TracedRun(Span span, Tracer.SpanInScope scope, @Nullable String traceparent) {
            this.span = span;
            this.scope = scope;
            this.traceparent = traceparent;
        }

        /** What the run's MDC carries, and log-srv keeps with its records. */
        @Nullable
        String traceparent() {
            return traceparent;
        }

        /** Records how the run ended: its status, and what the handler threw if it did. */
        void outcome(TaskStatus status, Object result) {
            span.tag("split.task.outcome", status.name());
            if (result instanceof Throwable thrown) {
                span.error(thrown);
            }
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
