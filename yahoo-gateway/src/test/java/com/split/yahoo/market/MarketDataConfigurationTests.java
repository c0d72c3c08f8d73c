package com.split.yahoo.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.bus.RedisState;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MarketDataConfigurationTests {

    final ApplicationContextRunner contexts =
            new ApplicationContextRunner().withUserConfiguration(MarketDataConfiguration.class);

    @Test
    void offlineIsTheDefaultProvider() {
        contexts.run(context -> {
            assertThat(context).hasSingleBean(OfflineMarketDataProvider.class);
            assertThat(context.getBean(MarketDataProperties.class).history()).hasYears(2);
        });
    }

    @Test
    void yahooIsSelectedByItsNameAndPacesThroughTheBusRedis() {
        // A Lettuce client connects on first use: none happens here.
        contexts.withPropertyValues(
                        "split.market-data.provider=yahoo", "split.market-data.yahoo.request-interval=500ms")
                .withBean(
                        RedisState.class,
                        () -> new RedisState(
                                new BusRedis(RedisClient.create(), Duration.ofSeconds(1)), new RedisKeys("test")))
                .run(context -> {
                    assertThat(context).hasSingleBean(YahooMarketDataProvider.class);
                    assertThat(context.getBean(MarketDataProvider.class).id()).isEqualTo("yahoo");
                    assertThat(context.getBean(YahooProperties.class).requestInterval())
                            .isEqualTo(Duration.ofMillis(500));
                });
    }
}
