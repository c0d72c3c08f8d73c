package com.split.yahoo.stocks;

import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.TaskHandler;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two task types of {@code yahoo_tasks}: the same per-ticker loop around a different fetcher. */
@Configuration(proxyBeanMethods = false)
class HandlerConfiguration {

    @Bean
    TaskHandler fetchPricesHandler(PriceFetcher prices, Clock clock, FetchMetrics metrics) {
        return new TickerTaskHandler(TaskType.FETCH_PRICES, prices, clock, metrics);
    }

    @Bean
    TaskHandler fetchFundamentalsHandler(FundamentalsFetcher fundamentals, Clock clock, FetchMetrics metrics) {
        return new TickerTaskHandler(TaskType.FETCH_FUNDAMENTALS, fundamentals, clock, metrics);
    }
}
