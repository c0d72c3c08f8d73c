package com.split.portfolio.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class PortfolioPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PortfolioProperties.class)
    static class Bound {}

    final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Test
    void bindsTheDocumentedDefaults() {
        contexts.run(context -> {
            PortfolioProperties properties = context.getBean(PortfolioProperties.class);
            assertThat(properties.eventSrvUrl()).isEqualTo(URI.create("http://localhost:8086"));
            assertThat(properties.runStaleAfter()).isEqualTo(Duration.ofMinutes(15));
            assertThat(properties.staleSweepInterval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(properties.maxTickers()).isEqualTo(100);
            assertThat(properties.seed().enabled()).isTrue();
            assertThat(properties.seed().userId()).isEqualTo("user_zero");
            assertThat(properties.seed().name()).isEqualTo("Default");
            assertThat(properties.seed().tickers())
                    .containsExactly("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "JPM", "JNJ", "XOM", "KO", "WMT");
        });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "split.portfolio.run-stale-after=0s          | split.portfolio.run-stale-after must be positive",
                "split.portfolio.stale-sweep-interval=-1s    | split.portfolio.stale-sweep-interval must be positive",
                "split.portfolio.max-tickers=0               | on field 'maxTickers': rejected value [0]",
                "split.portfolio.seed.tickers=AAPL,not ok    | split.portfolio.seed.tickers: 'not ok' is not a valid symbol",
                "split.portfolio.seed.user-id=two words      | on field 'seed.userId': rejected value [two words]",
                "split.portfolio.seed.name=                  | on field 'seed.name': rejected value []",
            })
    void refusesSettingsThatCannotWork(String setting, String problem) {
        contexts.withPropertyValues(setting)
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining(problem));
    }
}
