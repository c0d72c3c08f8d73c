package com.split.yahoo.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class YahooClaimCapTests {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new YahooClaimCap().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void theYahooProviderCapsHeldTasksToTheRequestsInFlight() {
        assertThat(environment(Map.of("split.market-data.provider", "yahoo")).getProperty(YahooClaimCap.CAP))
                .isEqualTo("1");
        assertThat(environment(Map.of(
                                "split.market-data.provider", "yahoo", "split.market-data.yahoo.max-in-flight", "3"))
                        .getProperty(YahooClaimCap.CAP))
                .isEqualTo("3");
    }

    @Test
    void aCapThatIsSetAndTheOfflineProviderAreLeftAlone() {
        assertThat(environment(Map.of("split.market-data.provider", "yahoo", YahooClaimCap.CAP, "8"))
                        .getProperty(YahooClaimCap.CAP))
                .isEqualTo("8");
        assertThat(environment(Map.of()).getProperty(YahooClaimCap.CAP)).isNull();
        assertThat(environment(Map.of("split.market-data.provider", "offline")).getProperty(YahooClaimCap.CAP))
                .isNull();
    }
}
