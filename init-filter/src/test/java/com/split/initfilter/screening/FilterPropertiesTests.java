package com.split.initfilter.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class FilterPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FilterProperties.class)
    static class Bound {}

    final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Test
    void defaultsAreTheDocumentedOnes() {
        contexts.run(context -> {
            FilterProperties properties = context.getBean(FilterProperties.class);
            assertThat(properties.stocksSchema()).isEqualTo("split_stocks");
            assertThat(properties.priceFloor()).isEqualTo(5.0);
            assertThat(properties.liquidity().days()).isEqualTo(20);
            assertThat(properties.liquidity().minDollarVolume()).isEqualTo(5e6);
            assertThat(properties.leverage().maxDebtToEquity()).isEqualTo(2.0);
            assertThat(properties.exemptSectors()).containsExactly("Financial Services");
            assertThat(properties.profitability()).isEqualTo(new FilterProperties.Profitability(0, 0, 0));
            assertThat(properties.piotroski().minSignals()).isEqualTo(5);
            assertThat(properties.altman().zDoublePrimeSectors())
                    .containsExactly("Communication Services", "Real Estate", "Utilities");
            assertThat(properties.altman().z()).isEqualTo(new ReferenceRange(1.81, 2.99));
            assertThat(properties.altman().zDoublePrime()).isEqualTo(new ReferenceRange(1.1, 2.6));
            assertThat(properties.ranges())
                    .isEqualTo(new FilterProperties.Ranges(
                            new ReferenceRange(6, 9),
                            new ReferenceRange(3, 0),
                            new ReferenceRange(0, 0.3),
                            new ReferenceRange(0, 0.15),
                            new ReferenceRange(0, 9)));
            assertThat(properties.weights()).isEqualTo(new FilterProperties.Weights(1, 1, 1, 1, 1, 1));
            assertThat(properties.neutralScore()).isEqualTo(0.5);
            assertThat(properties.crossSectionalMinUniverse()).isEqualTo(30);
            assertThat(properties.winsorLimit()).isEqualTo(3.0);
            assertThat(properties).isEqualTo(Fixtures.properties());
        });
    }

    @Test
    void everySettingBindsFromProperties() {
        contexts.withPropertyValues(
                        "split.filter.stocks-schema=",
                        "split.filter.liquidity.min-dollar-volume=2.5e7",
                        "split.filter.exempt-sectors=Financial Services,Real Estate",
                        "split.filter.ranges.roe=0.05..0.25",
                        "split.filter.altman.z=1.5..3",
                        "split.filter.weights.altman=0",
                        "split.filter.cross-sectional-min-universe=50")
                .run(context -> {
                    FilterProperties properties = context.getBean(FilterProperties.class);
                    assertThat(properties.stocksSchema())
                            .as("empty: the datasource's schema")
                            .isEmpty();
                    assertThat(properties.liquidity().minDollarVolume()).isEqualTo(2.5e7);
                    assertThat(properties.exemptSectors()).isEqualTo(List.of("Financial Services", "Real Estate"));
                    assertThat(properties.ranges().roe()).isEqualTo(new ReferenceRange(0.05, 0.25));
                    assertThat(properties.altman().z()).isEqualTo(new ReferenceRange(1.5, 3));
                    assertThat(properties.weights().altman()).isZero();
                    assertThat(properties.crossSectionalMinUniverse()).isEqualTo(50);
                });
    }

    @Test
    void badSettingsStopTheContextSayingWhichIsWrong() {
        Map<String, String> bad = Map.of(
                "split.filter.stocks-schema=split_stocks; DROP TABLE x",
                "stocksSchema",
                "split.filter.weights.roe=-1",
                "weights.roe",
                "split.filter.neutral-score=1.5",
                "neutralScore",
                "split.filter.liquidity.days=0",
                "liquidity.days",
                "split.filter.cross-sectional-min-universe=1",
                "crossSectionalMinUniverse",
                "split.filter.ranges.roa=0.1..0.1",
                "two different finite bounds",
                "split.filter.altman.z=2.99..1.81",
                "distress..safe",
                "split.filter.weights.liquidity=0,split.filter.weights.leverage=0,split.filter.weights.roe=0,"
                        + "split.filter.weights.roa=0,split.filter.weights.piotroski=0,split.filter.weights.altman=0",
                "must not all be zero");
        bad.forEach((properties, complaint) -> contexts.withPropertyValues(properties.split(","))
                .run(context -> assertThat(context)
                        .as(properties)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining(complaint)));
    }
}
