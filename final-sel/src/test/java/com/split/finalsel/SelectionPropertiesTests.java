package com.split.finalsel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class SelectionPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SelectionProperties.class)
    static class Settings {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void defaultsAreTheDocumentedOnes() {
        runner.run(context -> {
            SelectionProperties properties = context.getBean(SelectionProperties.class);
            assertThat(properties.stocksSchema()).isEqualTo("split_stocks");
            assertThat(properties.buyThreshold()).isEqualTo(0.60);
            assertThat(properties.sellThreshold()).isEqualTo(0.40);
            assertThat(properties.hysteresisBand()).isEqualTo(0.05);
            assertThat(properties.weights()).isEqualTo(new SelectionProperties.Weights(0.30, 0.25, 0.25, 0.20));
            assertThat(properties.quality()).isEqualTo(new SelectionProperties.Quality(2, 8, 0, 0.25));
            assertThat(properties.value()).isEqualTo(new SelectionProperties.Value(0.02, 0.10));
            assertThat(properties.momentum()).isEqualTo(new SelectionProperties.Momentum(252, 21, -0.20, 0.40));
            assertThat(properties.risk()).isEqualTo(new SelectionProperties.Risk(60, 0.15, 0.60));
            assertThat(properties.veto()).isEqualTo(new SelectionProperties.Veto(true, 2, true));
            assertThat(properties.weighting()).isEqualTo(new SelectionProperties.Weighting(0.30, 252, 60));
            assertThat(properties.barsNeeded()).isEqualTo(253);
            assertThat(properties).isEqualTo(TestProperties.defaults());
        });
    }

    @Test
    void anEmptyStocksSchemaMeansTheDatasourcesOwn() {
        runner.withPropertyValues("split.selection.stocks-schema=")
                .run(context -> assertThat(
                                context.getBean(SelectionProperties.class).stocksSchema())
                        .isEmpty());
    }

    @Test
    void badSettingsStopTheContext() {
        runner.withPropertyValues("split.selection.stocks-schema=x; DROP TABLE y")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("split.selection.weighting.cap=0")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("split.selection.buy-threshold=0.4", "split.selection.sell-threshold=0.5")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("sell-threshold (0.5) must be below buy-threshold (0.4)"));
        runner.withPropertyValues("split.selection.hysteresis-band=0.2")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("hysteresis-band (0.2) must be less than"));
        runner.withPropertyValues("split.selection.momentum.return-low=0.5")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("split.selection.weights.quality=-0.1")
                .run(context -> assertThat(context).hasFailed());
    }
}
