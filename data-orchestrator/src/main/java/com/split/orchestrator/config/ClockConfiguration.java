package com.split.orchestrator.config;

import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock every timestamp of a run is read from. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** Ticks in whole milliseconds: the messages' times read {@code 2026-11-24T10:00:00.123Z}, not nanoseconds. */
    @Bean
    Clock clock() {
        return Clock.tickMillis(ZoneOffset.UTC);
    }
}
