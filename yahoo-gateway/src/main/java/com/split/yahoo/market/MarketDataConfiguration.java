package com.split.yahoo.market;

import com.split.tasks.bus.RedisState;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MarketDataProperties.class, YahooProperties.class})
class MarketDataConfiguration {

    @Bean
    MarketDataProvider marketDataProvider(
            MarketDataProperties properties, YahooProperties yahoo, ObjectProvider<RedisState> redis) {
        return switch (properties.provider()) {
            case OFFLINE -> new OfflineMarketDataProvider();
            // The pacing and the breaker live in the bus's Redis, so that every instance shares them.
            case YAHOO ->
                new YahooMarketDataProvider(new YahooClient(yahoo, new RedisRequestGate(redis.getObject(), yahoo)));
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
