package com.split.events.journal;

import com.split.tasks.codec.TaskCodec;
import com.split.tasks.streams.BusStreams;
import com.split.tasks.streams.StreamGroupConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
@EnableScheduling
class JournalConfiguration implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(JournalConfiguration.class);

    private final EventsProperties properties;
    private final ObjectProvider<JournalRetention> retention;

    JournalConfiguration(EventsProperties properties, ObjectProvider<JournalRetention> retention) {
        this.properties = properties;
        this.retention = retention;
    }

    @Bean
    JournalMetrics journalMetrics(ObjectProvider<MeterRegistry> registry) {
        return new JournalMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    JournalIngestor journalIngestor(
            BusStreams streams, TaskCodec codec, JournalRepository journal, JournalMetrics metrics) {
        return new JournalIngestor(streams, codec, journal, properties.queueNames(), properties.writers(), metrics);
    }

    /** Stops after the bus's workers, so the events of their last tasks still get read while they wind down. */
    @Bean
    StreamGroupConsumer journalConsumer(BusStreams streams, JournalIngestor ingestor, Environment environment) {
        StreamGroupConsumer.Settings settings = StreamGroupConsumer.Settings.of(
                properties, environment.getProperty("spring.application.name", "event-srv"));
        return streams.consumer("journal", ingestor.streams(), settings, ingestor, ingestor, Integer.MAX_VALUE - 8192);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        EventsProperties.Retention settings = properties.retention();
        if (!settings.enabled()) {
            log.info("Journal retention is off: tasks, events and rejected entries are kept forever");
            return;
        }
        log.info(
                "Journal retention: terminal tasks after {}, rejected entries after {}, checked every {}",
                settings.tasks() == null ? "never" : settings.tasks(),
                settings.rejectedEvents() == null ? "never" : settings.rejectedEvents(),
                settings.interval());
        registrar.addFixedDelayTask(retention.getObject()::run, settings.interval());
    }
}
