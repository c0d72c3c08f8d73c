package com.split.tasks.autoconfigure;

import com.split.tasks.QueueName;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.BusScripts;
import com.split.tasks.bus.InstanceNames;
import com.split.tasks.bus.QueueInspector;
import com.split.tasks.bus.QueuePauses;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.bus.RedisState;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.TaskRecovery;
import com.split.tasks.bus.schedule.RecurringScheduler;
import com.split.tasks.bus.schedule.Schedule;
import com.split.tasks.bus.schedule.ScheduledTask;
import com.split.tasks.bus.schedule.Schedules;
import com.split.tasks.bus.worker.BusMetrics;
import com.split.tasks.bus.worker.BusParts;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskTracing;
import com.split.tasks.bus.worker.WorkerContainer;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.streams.BusStreams;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The task bus for every service: a {@link TaskPublisher}, and a {@link WorkerContainer} when the service declares
 * {@link TaskHandler} beans. Redis comes from Spring Boot's own configuration ({@code spring.data.redis.*}, standalone,
 * Sentinel or Cluster); the bus opens its own Lettuce connections on the same client.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass(LettuceConnectionFactory.class)
@ConditionalOnBean(LettuceConnectionFactory.class)
@EnableConfigurationProperties(TaskBusProperties.class)
public final class TaskBusAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TaskCodec taskCodec(TaskBusProperties properties) {
        return new TaskCodec(Math.toIntExact(properties.maxEnvelopeSize().toBytes()));
    }

    @Bean
    @ConditionalOnMissingBean
    RedisKeys redisKeys(TaskBusProperties properties) {
        return new RedisKeys(properties.keyPrefix());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    BusRedis busRedis(LettuceConnectionFactory connectionFactory, TaskBusProperties properties) {
        return new BusRedis(connectionFactory::getRequiredNativeClient, properties.commandTimeout());
    }

    /**
     * Closes the bus's connections when the connection factory stops (it shuts its client down and makes a new one
     * when it starts again, as a paused test context does), so the bus reconnects with the new client.
     */
    @Bean
    SmartLifecycle busRedisLifecycle(BusRedis busRedis) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                busRedis.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return 1024; // after the workers stop, before the connection factory does (phase 0)
            }
        };
    }

    /** Reconnects within a second of Redis coming back ({@link BusRedis#reconnectDelay()}). */
    @Bean
    ClientResourcesBuilderCustomizer busReconnectDelay() {
        return resources -> resources.reconnectDelay(BusRedis.reconnectDelay());
    }

    @Bean
    @ConditionalOnMissingBean
    BusScripts busScripts(BusRedis busRedis, RedisKeys redisKeys) {
        return new BusScripts(busRedis, redisKeys);
    }

    @Bean
    @ConditionalOnMissingBean
    RedisState redisState(BusRedis busRedis, RedisKeys redisKeys) {
        return new RedisState(busRedis, redisKeys);
    }

    @Bean
    @ConditionalOnMissingBean
    BusStreams busStreams(BusRedis busRedis, RedisKeys redisKeys) {
        return new BusStreams(busRedis, redisKeys);
    }

    @Bean
    @ConditionalOnMissingBean
    TaskPublisher taskPublisher(BusScripts busScripts, TaskCodec taskCodec, TaskBusProperties properties) {
        TaskBusProperties.Publish publish = properties.publish();
        return new TaskPublisher(busScripts, taskCodec, Clock.systemUTC(), publish.dedupeTtl(), publish.durability());
    }

    @Bean
    @ConditionalOnMissingBean
    TaskRecovery taskRecovery(BusScripts busScripts, TaskCodec taskCodec) {
        return new TaskRecovery(busScripts, taskCodec, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    QueueInspector queueInspector(BusRedis busRedis, RedisKeys redisKeys, TaskCodec taskCodec) {
        return new QueueInspector(busRedis, redisKeys, taskCodec, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    QueuePauses queuePauses(BusRedis busRedis, RedisKeys redisKeys, TaskCodec taskCodec) {
        return new QueuePauses(busRedis, redisKeys, taskCodec);
    }

    @Bean
    @ConditionalOnMissingBean
    Schedules schedules(BusRedis busRedis, RedisKeys redisKeys, TaskCodec taskCodec) {
        return new Schedules(busRedis, redisKeys, taskCodec);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "split.bus.scheduler.enabled")
    RecurringScheduler recurringScheduler(
            Schedules schedules,
            BusScripts busScripts,
            TaskCodec taskCodec,
            TaskBusProperties properties,
            ObjectProvider<MeterRegistry> registry,
            Environment environment) {
        String application = environment.getProperty("spring.application.name", "split");
        Instant now = Instant.now();
        List<Schedule> configured = properties.schedules().entrySet().stream()
                .map(entry -> configured(entry.getKey(), entry.getValue(), application, now, taskCodec))
                .toList();
        TaskBusProperties.Scheduler scheduler = properties.scheduler();
        return new RecurringScheduler(
                schedules,
                busScripts,
                taskCodec,
                Clock.systemUTC(),
                scheduler.pollInterval(),
                scheduler.grace(),
                application,
                InstanceNames.unique(application),
                configured,
                registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    private static Schedule configured(
            String name,
            TaskBusProperties.ConfiguredSchedule schedule,
            String application,
            Instant now,
            TaskCodec codec) {
        var task = schedule.task();
        try {
            ObjectNode payload =
                    task.payload() == null ? null : (ObjectNode) codec.mapper().readTree(task.payload());
            return new Schedule(
                    name,
                    schedule.cron(),
                    schedule.zone(),
                    schedule.every(),
                    schedule.missed(),
                    new ScheduledTask(
                            task.type(),
                            task.queue(),
                            task.targetModule(),
                            task.userId(),
                            task.tickers(),
                            payload,
                            task.maxRetries(),
                            task.timeout() == null ? null : task.timeout().toMillis(),
                            task.priority()),
                    RecurringScheduler.configOwner(application),
                    now,
                    application);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "split.bus.schedules.%s is not a valid schedule: %s".formatted(name, e.getMessage()), e);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    BusMetrics busMetrics(ObjectProvider<MeterRegistry> registry) {
        return new BusMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** A span per task run where Micrometer Tracing has a tracer (every service: task-contracts brings it). */
    @Bean
    @ConditionalOnMissingBean
    TaskTracing taskTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer available = tracer.getIfAvailable();
        return available == null
                ? TaskTracing.OFF
                : new TaskTracing(available, propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(TaskHandler.class)
    @ConditionalOnProperty(name = "split.bus.worker.enabled", matchIfMissing = true)
    WorkerContainer workerContainer(
            BusRedis busRedis,
            BusScripts busScripts,
            TaskCodec taskCodec,
            TaskPublisher taskPublisher,
            TaskRecovery taskRecovery,
            QueueInspector queueInspector,
            List<TaskHandler> handlers,
            TaskBusProperties properties,
            BusMetrics busMetrics,
            TaskTracing taskTracing,
            Environment environment) {
        Set<QueueName> only = new LinkedHashSet<>();
        properties.queues().forEach(queue -> only.add(QueueName.of(queue.trim())));
        String workerId = properties.workerId() != null
                ? properties.workerId()
                : InstanceNames.unique(environment.getProperty("spring.application.name", "split"));
        return new WorkerContainer(
                new BusParts(busRedis, busScripts, taskCodec, taskPublisher, taskRecovery, queueInspector),
                handlers,
                only,
                properties.worker(),
                properties.retry(),
                workerId,
                // The system clock, not a service's Clock bean: tests fix those for business dates, and a fixed clock
                // would never let a retry come due.
                Clock.systemUTC(),
                busMetrics,
                taskTracing);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnBean(TaskHandler.class) // not WorkerContainer: member classes are read before the outer beans
    @ConditionalOnProperty(name = "split.bus.worker.enabled", matchIfMissing = true)
    static class TaskBusHealthConfiguration {

        /** DOWN when a fetch loop has not polled Redis within a few poll timeouts; add it to the readiness group. */
        @Bean
        HealthIndicator taskBusHealthIndicator(WorkerContainer container) {
            return () -> (container.isFetching() ? Health.up() : Health.down())
                    .withDetail("workerId", container.workerId())
                    .withDetail("inFlight", container.inFlight())
                    .withDetail("givenUpThreads", container.givenUpThreads())
                    .build();
        }
    }
}
