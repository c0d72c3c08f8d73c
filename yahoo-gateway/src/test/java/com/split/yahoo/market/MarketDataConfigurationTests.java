package com.split.yahoo.market;

import static org.assertj.core.api.Assertions.assertThat;

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
    void theYahooProviderFailsAtStartupSayingItIsNotAvailableYet() {
        contexts.withPropertyValues("split.market-data.provider=yahoo")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("split.market-data.provider=yahoo is not available yet"));
    }
}
