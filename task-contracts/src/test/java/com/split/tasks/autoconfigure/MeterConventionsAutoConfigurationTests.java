package com.split.tasks.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * What the meter conventions make of a service's meters at {@code /actuator/prometheus}, with Spring Boot's metrics
 * auto-configuration and its JVM and system meters. Meters that observations register (a timer and a long task timer
 * without a description) are registered here the way they are.
 */
class MeterConventionsAutoConfigurationTests {

    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) ", Pattern.MULTILINE);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MetricsAutoConfiguration.class,
                    PrometheusMetricsExportAutoConfiguration.class,
                    JvmMetricsAutoConfiguration.class,
                    SystemMetricsAutoConfiguration.class,
                    MeterConventionsAutoConfiguration.class));

    @Test
    void everyMetricHasHelpTextAndANameThePrometheusLintAccepts() {
        runner.run(context -> {
            PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
            LongTaskTimer.builder("http.server.requests.active").register(registry);
            Timer.builder("lettuce").tag("db.operation", "GET").register(registry);
            Counter.builder("spring.security.filterchains.IssueTokenFilter.before")
                    .register(registry)
                    .increment();

            String scrape = registry.scrape();

            assertThat(metricsWithoutHelp(scrape)).isEmpty();
            assertThat(scrape)
                    .contains("# HELP http_server_requests_active_seconds HTTP requests the server is handling")
                    .contains("# HELP lettuce_seconds Redis commands sent by Lettuce")
                    .contains("system_cpu_processors ")
                    .contains("process_cpu_time_seconds_total ")
                    .contains("jvm_compilation_time_seconds_total{")
                    .doesNotContain("system_cpu_count")
                    .doesNotContain("_ns_total")
                    .doesNotContain("_ms_total")
                    .doesNotContain("IssueTokenFilter");
        });
    }

    @Test
    void latencyTimersHaveTheHistogramBuckets() {
        runner.run(context -> {
            PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
            Timer.builder("split.tasks.queue.wait")
                    .tag("queue", "test_tasks")
                    .register(registry)
                    .record(Duration.ofMillis(30));
            Timer.builder("split.fetch.latency").register(registry).record(Duration.ofMillis(30));

            String scrape = registry.scrape();

            assertThat(buckets(scrape, "split_tasks_queue_wait_seconds"))
                    .containsExactly(
                            "2.5E-4", "5.0E-4", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                            "0.5", "1.0", "2.5", "5.0", "10.0", "30.0", "60.0", "120.0", "300.0", "600.0", "+Inf");
            assertThat(scrape)
                    .contains("split_tasks_queue_wait_seconds_bucket{queue=\"test_tasks\",le=\"0.025\"} 0")
                    .contains("split_tasks_queue_wait_seconds_bucket{queue=\"test_tasks\",le=\"0.05\"} 1");
            assertThat(buckets(scrape, "split_fetch_latency_seconds")).isEmpty();
        });
    }

    @Test
    void bucketsSetByPropertiesWin() {
        runner.withPropertyValues("management.metrics.distribution.slo.lettuce=5ms,50ms")
                .run(context -> {
                    PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
                    Timer.builder("lettuce").register(registry).record(Duration.ofMillis(1));

                    assertThat(buckets(registry.scrape(), "lettuce_seconds")).containsExactly("0.005", "0.05", "+Inf");
                });
    }

    /** The metrics whose HELP line is missing or blank, which {@code promtool check metrics} reports. */
    private static List<String> metricsWithoutHelp(String scrape) {
        List<String> missing = new ArrayList<>();
        Matcher type = TYPE.matcher(scrape);
        while (type.find()) {
            String name = type.group(1);
            if (!Pattern.compile("^# HELP " + Pattern.quote(name) + " \\S", Pattern.MULTILINE)
                    .matcher(scrape)
                    .find()) {
                missing.add(name);
            }
        }
        return missing;
    }

    private static List<String> buckets(String scrape, String histogram) {
        Matcher bucket = Pattern.compile(
                        "^" + Pattern.quote(histogram) + "_bucket\\{.*le=\"([^\"]+)\"}", Pattern.MULTILINE)
                .matcher(scrape);
        List<String> bounds = new ArrayList<>();
        while (bucket.find()) {
            bounds.add(bucket.group(1));
        }
        return bounds;
    }
}
