package com.split.tasks.bus.worker;

import com.split.tasks.QueueName;
import com.split.tasks.TaskPriority;
import com.split.tasks.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The bus's meters, lower-case and dot-separated: {@code split.tasks.completed{queue,task.type,status}},
 * {@code split.tasks.duration}, {@code split.tasks.queue.wait{queue,task.type}}, {@code split.fetch.latency},
 * {@code split.tasks.in.flight}, {@code split.queue.depth{queue,state}}, {@code split.queue.ready{queue,priority}},
 * {@code split.queue.oldest.age}, {@code split.queue.paused}, {@code split.tasks.reaped},
 * {@code split.tasks.dead.lettered}. Meters are cached: recording costs a map lookup, not a registration.
 */
public final class BusMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public BusMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void completed(QueueName queue, String taskType, TaskStatus status, long nanos) {
        String key = queue.value() + '\0' + taskType + '\0' + status;
        counters.computeIfAbsent(
                        "completed\0" + key,
                        k -> Counter.builder("split.tasks.completed")
                                .description("Task runs that ended, by their status")
                                .tags("queue", queue.value(), "task.type", taskType, "status", status.name())
                                .register(registry))
                .increment();
        timers.computeIfAbsent(
                        "duration\0" + key,
                        k -> Timer.builder("split.tasks.duration")
                                .description("Time from a task's start to its end")
                                .tags("queue", queue.value(), "task.type", taskType, "status", status.name())
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records how long a task waited from its publication until a worker took it. */
    void waited(QueueName queue, String taskType, Duration wait) {
        timers.computeIfAbsent(
                        "wait\0" + queue.value() + '\0' + taskType,
                        k -> Timer.builder("split.tasks.queue.wait")
                                .description(
                                        "Time from a task's publication to a worker taking it, first deliveries only")
                                .tags("queue", queue.value(), "task.type", taskType)
                                .register(registry))
                .record(wait.isNegative() ? Duration.ZERO : wait); // a publisher's clock ahead of this one
    }

    void fetched(QueueName queue, long nanos) {
        timers.computeIfAbsent(
                        "fetch\0" + queue.value(),
                        k -> Timer.builder("split.fetch.latency")
                                .description("Round trip of one claim of tasks")
                                .tags("queue", queue.value())
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void reaped(QueueName queue, int tasks) {
        count("split.tasks.reaped", "Tasks taken back from dead workers", queue, tasks);
    }

    void deadLettered(QueueName queue) {
        count("split.tasks.dead.lettered", "Tasks moved to the dead-letter list", queue, 1);
    }

    private void count(String name, String description, QueueName queue, int amount) {
        counters.computeIfAbsent(
                        name + '\0' + queue.value(),
                        k -> Counter.builder(name)
                                .description(description)
                                .tags("queue", queue.value())
                                .register(registry))
                .increment(amount);
    }

    void inFlight(QueueName queue, Supplier<Number> running) {
        Gauge.builder("split.tasks.in.flight", running)
                .description("Tasks this instance is running")
                .tags("queue", queue.value())
                .register(registry);
    }

    void givenUp(QueueName queue, Supplier<Number> threads) {
        Gauge.builder("split.tasks.given.up", threads)
                .description("Handler threads this instance gave up on past their hard timeout that still run")
                .tags("queue", queue.value())
                .register(registry);
    }

    /** Sets a queue gauge read from Redis: depth by state (ready, delayed, dead) or the oldest waiting age. */
    void queueDepth(QueueName queue, String state, long value) {
        gauge("split.queue.depth", "Tasks in a queue, by state", queue, "state", state, null)
                .set(value);
    }

    /** Sets the depth of one priority's ready list; {@code split.queue.depth{state=ready}} is their sum. */
    void readyDepth(QueueName queue, TaskPriority priority, long value) {
        gauge(
                        "split.queue.ready",
                        "Tasks waiting in a queue, by priority",
                        queue,
                        "priority",
                        priority.wireName(),
                        null)
                .set(value);
    }

    void oldestAge(QueueName queue, long seconds) {
        gauge("split.queue.oldest.age", "Age of the oldest ready task by its created_at", queue, null, null, "seconds")
                .set(seconds);
    }

    /** 1 while the queue is paused, else 0. */
    void paused(QueueName queue, boolean paused) {
        gauge("split.queue.paused", "Whether a queue is paused (1) or not (0)", queue, null, null, null)
                .set(paused ? 1 : 0);
    }

    private AtomicLong gauge(
            String name,
            String description,
            QueueName queue,
            @Nullable String tag,
            @Nullable String value,
            @Nullable String unit) {
        return gauges.computeIfAbsent(name + '\0' + queue.value() + '\0' + value, k -> {
            AtomicLong gauge = new AtomicLong();
            Gauge.Builder<AtomicLong> builder = Gauge.builder(name, gauge, AtomicLong::get)
                    .description(description)
                    .tags("queue", queue.value())
                    .baseUnit(unit);
            if (tag != null) {
                builder.tag(tag, value);
            }
            builder.register(registry);
            return gauge;
        });
    }
}
