package com.split.yahoo.market;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MarketDataProperties.class)
class MarketDataConfiguration {

    @Bean
    MarketDataProvider marketDataProvider(MarketDataProperties properties) {
        return switch (properties.provider()) {
            case OFFLINE -> new OfflineMarketDataProvider();
            // Known but not built yet: fail at startup, not at the first task.
            case YAHOO ->
                throw new IllegalStateException(
                        "split.market-data.provider=yahoo is not available yet; use split.market-data.provider=offline");
        };
    }

    @Bean
    MarketCalendar marketCalendar(MarketDataProperties properties) {
        return properties.calendar();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
