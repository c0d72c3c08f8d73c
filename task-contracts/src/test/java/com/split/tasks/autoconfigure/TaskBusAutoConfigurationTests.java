package com.split.tasks.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.QueueName;
import com.split.tasks.TaskType;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.BusScripts;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.schedule.RecurringScheduler;
import com.split.tasks.bus.schedule.Schedules;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.bus.worker.TaskTracing;
import com.split.tasks.bus.worker.WorkerContainer;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.TaskEnvelopes;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which beans the bus contributes. Redis points at a closed port: these contexts never need an answer, and a worker
 * that starts only backs off.
 */
class TaskBusAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, TaskBusAutoConfiguration.class))
            .withPropertyValues(
                    "spring.data.redis.port=1",
                    "split.bus.key-prefix=autoconfig-" + UUID.randomUUID(),
                    "split.bus.worker.shutdown-grace=100ms",
                    "split.bus.command-timeout=200ms");

    static TaskHandler handler(TaskType type) {
        return TaskHandler.of(type, (task, context) -> TaskOutcome.success());
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoQueues {
        @Bean
        TaskHandler testHandler() {
            return handler(TaskEnvelopes.TEST_TASK);
        }

        @Bean
        TaskHandler pricesHandler() {
            return handler(TaskType.FETCH_PRICES);
        }
    }

    @Test
    void publisherWithoutHandlersHasNoWorker() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(TaskPublisher.class);
            assertThat(context).doesNotHaveBean(WorkerContainer.class);
            assertThat(context).doesNotHaveBean(HealthIndicator.class);
        });
    }

    @Test
    void tasksRunWithoutSpansWithoutATracer() {
        runner.run(context -> assertThat(context.getBean(TaskTracing.class)).isSameAs(TaskTracing.OFF));
    }

    @Test
    void tasksRunInSpansOfTheTracerSpringBootConfigures() {
        runner.withConfiguration(AutoConfigurations.of(
                        OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasSingleBean(Tracer.class);
                    assertThat(context.getBean(TaskTracing.class)).isNotSameAs(TaskTracing.OFF);
                });
    }

    @Test
    void theSchedulerRunsOnlyWhereItIsEnabled() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Schedules.class);
            assertThat(context).doesNotHaveBean(RecurringScheduler.class);
        });
        runner.withPropertyValues("split.bus.scheduler.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(RecurringScheduler.class));
    }

    @Test
    void configuredSchedulesNeedTheSchedulerAndATimingThatCanBe() {
        runner.withPropertyValues(
                        "split.bus.schedules.nightly.cron=0 2 * * *", "split.bus.schedules.nightly.task.type=refresh")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("split.bus.schedules needs split.bus.scheduler.enabled=true"));
        runner.withPropertyValues(
                        "split.bus.scheduler.enabled=true",
                        "split.bus.schedules.nightly.cron=0 25 * * *",
                        "split.bus.schedules.nightly.task.type=refresh")
                .run(context ->
                        assertThat(context).getFailure().hasStackTraceContaining("cron '0 25 * * *' is not valid"));
        runner.withPropertyValues(
                        "split.bus.scheduler.enabled=true",
                        "split.bus.schedules.nightly.every=1h",
                        "split.bus.schedules.nightly.task.type=not_ours")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("split.bus.schedules.nightly is not a valid schedule")
                        .hasStackTraceContaining("task.queue and task.target_module are required"));
    }

    @Test
    void lettuceReconnectsWithinASecondOfRedisComingBack() {
        runner.run(context -> assertThat(
                        context.getBean(ClientResources.class).reconnectDelay().createDelay(30))
                .isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void handlersGetAWorkerForEachOfTheirQueues() {
        runner.withUserConfiguration(TwoQueues.class).run(context -> {
            WorkerContainer container = context.getBean(WorkerContainer.class);
            assertThat(container.queues()).containsExactly(QueueName.of("test_tasks"), QueueName.YAHOO_TASKS);
            assertThat(container.workerId()).startsWith("split-");
            assertThat(context).hasBean("taskBusHealthIndicator");
        });
    }

    @Test
    void healthIsDownWhileTheFetchLoopCannotReachRedis() {
        runner.withUserConfiguration(TwoQueues.class)
                .withPropertyValues("split.bus.worker.poll-timeout=100ms")
                .run(context -> {
                    HealthIndicator health = context.getBean("taskBusHealthIndicator", HealthIndicator.class);
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> health.health().getStatus().equals(Status.DOWN));
                });
    }

    @Test
    void queuesPropertyNarrowsWhatIsConsumed() {
        runner.withUserConfiguration(TwoQueues.class)
                .withPropertyValues("split.bus.queues=yahoo_tasks", "split.bus.worker-id=narrow-1")
                .run(context -> {
                    WorkerContainer container = context.getBean(WorkerContainer.class);
                    assertThat(container.queues()).containsExactly(QueueName.YAHOO_TASKS);
                    assertThat(container.workerId()).isEqualTo("narrow-1");
                });
    }

    @Test
    void namingAQueueWithoutHandlerFails() {
        runner.withUserConfiguration(TwoQueues.class)
                .withPropertyValues("split.bus.queues=final_sel_tasks")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("split.bus.queues names final_sel_tasks, but no handler consumes it"));
    }

    @Test
    void twoHandlersForOneTypeFail() {
        runner.withBean("one", TaskHandler.class, () -> handler(TaskType.FETCH_PRICES))
                .withBean("two", TaskHandler.class, () -> handler(TaskType.FETCH_PRICES))
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("two handlers for task type fetch_prices"));
    }

    @Test
    void workersCanBeSwitchedOff() {
        runner.withUserConfiguration(TwoQueues.class)
                .withPropertyValues("split.bus.worker.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(WorkerContainer.class);
                    assertThat(context).hasSingleBean(TaskPublisher.class);
                });
    }

    @Test
    void userDefinedPublisherWins() {
        TaskPublisher mine = new TaskPublisher(
                new BusScripts(
                        new BusRedis(RedisClient.create("redis://127.0.0.1:1"), Duration.ofSeconds(1)),
                        new RedisKeys("mine")),
                new TaskCodec(),
                Clock.systemUTC(),
                Duration.ofHours(1),
                TaskPublisher.Durability.NONE);
        runner.withBean("myPublisher", TaskPublisher.class, () -> mine)
                .run(context ->
                        assertThat(context).getBeanNames(TaskPublisher.class).containsExactly("myPublisher"));
    }

    @Test
    void invalidSettingsAreExplained() {
        runner.withPropertyValues("split.bus.worker.concurrency=0")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("split.bus.worker.concurrency must be at least 1"));
        runner.withPropertyValues("split.bus.worker.lease=2s", "split.bus.worker.heartbeat-interval=5s")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("must be at least twice split.bus.worker.heartbeat-interval"));
        // the heartbeat alone fits in half the lease, but not with a reply that takes the whole command timeout
        runner.withPropertyValues("split.bus.worker.heartbeat-interval=5s", "split.bus.command-timeout=5s")
                .run(
                        context -> assertThat(context)
                                .getFailure()
                                .rootCause()
                                .hasMessageContaining(
                                        "split.bus.worker.lease (PT15S) must be at least twice split.bus.worker.heartbeat-interval (PT5S) plus split.bus.command-timeout (PT5S)"));
    }
}
