package com.split.tasks.autoconfigure;

import com.split.tasks.metrics.LatencyHistograms;
import com.split.tasks.metrics.MeterDescriptions;
import com.split.tasks.metrics.PromLintFilter;
import com.split.tasks.metrics.SecondsMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The suite's meter conventions for every service: Spring Boot applies the filters to each meter registry and binds
 * the meters, so that every metric at {@code /actuator/prometheus} has a HELP text and passes
 * {@code promtool check metrics}, and the latencies read as quantiles have histogram buckets.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
public final class MeterConventionsAutoConfiguration {

    @Bean
    MeterDescriptions splitMeterDescriptions() {
        return new MeterDescriptions();
    }

    @Bean
    PromLintFilter splitPromLintFilter() {
        return new PromLintFilter();
    }

    @Bean
    LatencyHistograms splitLatencyHistograms() {
        return new LatencyHistograms();
    }

    @Bean
    SecondsMeters splitSecondsMeters() {
        return new SecondsMeters();
    }
}
