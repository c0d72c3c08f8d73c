package com.split.finalsel.selection;

import com.split.finalsel.SelectionProperties;
import com.split.tasks.bus.worker.TaskHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code final_selection} handler and what it is built from. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SelectionProperties.class)
class SelectionConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FinalSelection finalSelection(
            JdbcClient jdbc,
            JdbcTemplate template,
            TransactionTemplate transactions,
            SelectionProperties properties,
            MeterRegistry registry,
            Clock clock) {
        return new FinalSelection(
                new SelectionInputsRepository(jdbc, properties),
                new SelectionRepository(jdbc, template, transactions),
                properties,
                new SelectionMetrics(registry),
                clock);
    }

    @Bean
    TaskHandler finalSelectionHandler(FinalSelection selection) {
        return new FinalSelectionHandler(selection);
    }
}
