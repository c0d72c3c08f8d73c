package com.split.tasks.autoconfigure;

import ch.qos.logback.classic.LoggerContext;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.InstanceNames;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.bus.worker.WorkerContainer;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.logs.LogShipping;
import com.split.tasks.logs.LogShippingProperties;
import com.split.tasks.logs.RedisLogAppender;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Log shipping for every service on the bus: records at {@code split.logs.level} and above go to the
 * {@code split:logs} stream on the bus's Redis connection, with no code in the service. Off with
 * {@code split.logs.enabled=false}.
 */
@AutoConfiguration(after = TaskBusAutoConfiguration.class)
@ConditionalOnClass(LoggerContext.class)
@ConditionalOnBean(BusRedis.class)
@ConditionalOnProperty(name = "split.logs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LogShippingProperties.class)
public final class LogShippingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RedisLogAppender redisLogAppender(
            BusRedis busRedis,
            RedisKeys redisKeys,
            TaskCodec taskCodec,
            LogShippingProperties properties,
            TaskBusProperties busProperties,
            ObjectProvider<WorkerContainer> workers,
            ObjectProvider<MeterRegistry> registry,
            Environment environment) {
        String module = environment.getProperty("spring.application.name", "split");
        WorkerContainer worker = workers.getIfAvailable();
        String instance = worker != null
                ? worker.workerId()
                : busProperties.workerId() != null ? busProperties.workerId() : InstanceNames.unique(module);
        RedisLogAppender appender =
                new RedisLogAppender(busRedis, taskCodec.mapper(), redisKeys.logs(), module, instance, properties);
        registry.ifAvailable(meters -> {
            FunctionCounter.builder("split.logs.shipped", appender, RedisLogAppender::shipped)
                    .description("Log records Redis confirmed on the logs stream")
                    .register(meters);
            FunctionCounter.builder("split.logs.dropped", appender, RedisLogAppender::dropped)
                    .description("Log records dropped: buffer full while Redis was away, or left at shutdown")
                    .register(meters);
            Gauge.builder("split.logs.buffered", appender, RedisLogAppender::buffered)
                    .description("Log records waiting to be shipped")
                    .register(meters);
        });
        return appender;
    }

    @Bean
    @ConditionalOnMissingBean
    LogShipping logShipping(RedisLogAppender redisLogAppender) {
        return new LogShipping(redisLogAppender);
    }
}
