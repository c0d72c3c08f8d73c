package com.split.yahoo.market;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With the Yahoo provider, caps the {@code yahoo_tasks} that every instance's workers hold at once to the requests the
 * request gate lets be in flight ({@code split.market-data.yahoo.max-in-flight}), through the bus's own cap
 * ({@code split.bus.worker.max-running.yahoo_tasks}), unless that is set. A task the gate would hold back then waits on
 * the ready list, QUEUED and pausable, instead of in a worker's slot with its timeout running while it waits for its
 * turn (up to {@code max-backoff}). The gate still spaces the requests themselves ({@code request-interval}): a task
 * makes one request or several, so a rate of tasks cannot stand for a rate of requests. The offline provider, which
 * sends none, is not capped.
 */
public final class YahooClaimCap implements EnvironmentPostProcessor, Ordered {

    static final String CAP = "split.bus.worker.max-running.yahoo_tasks";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!"yahoo".equalsIgnoreCase(environment.getProperty("split.market-data.provider"))
                || environment.containsProperty(CAP)) {
            return;
        }
        String inFlight = environment.getProperty("split.market-data.yahoo.max-in-flight", "1");
        environment.getPropertySources().addLast(new MapPropertySource("yahooClaimCap", Map.of(CAP, inFlight)));
    }

    /** After the configuration is read, so that what it sets is seen. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
