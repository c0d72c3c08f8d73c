package com.split.events.journal;

import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.InstanceNames;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.codec.TaskCodec;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
class JournalConfiguration {

    @Bean
    JournalIngestor journalIngestor(
            BusRedis redis,
            RedisKeys keys,
            TaskCodec codec,
            JournalRepository journal,
            EventsProperties properties,
            Environment environment) {
        String consumer = properties.consumerName() != null
                ? properties.consumerName()
                : InstanceNames.unique(environment.getProperty("spring.application.name", "event-srv"));
        return new JournalIngestor(redis, keys, codec, journal, properties, consumer);
    }
}
