package com.split.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Compose's Prometheus configuration and its alert rules, checked with {@code promtool} (docs/operations.md#alerts):
 * the configuration loads the rules, every alert has a unit test that makes it fire, and the unit tests pass.
 */
class PrometheusRulesTests {

    private static final Path PROMETHEUS = Stack.repositoryRoot().resolve("docker/prometheus");

    @Test
    void configurationIsValidAndLoadsTheAlertRules() throws Exception {
        Promtool.Result check = Promtool.run(null, "check", "config", "docker/prometheus/prometheus.yml");

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("Checking docker/prometheus/alerts.yml");
    }

    @Test
    void alertRulesAreValid() throws Exception {
        Promtool.Result check = Promtool.run(null, "check", "rules", "docker/prometheus/alerts.yml");

        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void everyAlertPassesItsUnitTests() throws Exception {
        Promtool.Result test = Promtool.run(null, "test", "rules", "docker/prometheus/alerts.test.yml");

        assertThat(test.exitCode()).as(test.output()).isZero();
    }

    @Test
    void everyAlertHasAUnitTestThatMakesItFire() throws Exception {
        Set<String> alerts = matches(PROMETHEUS.resolve("alerts.yml"), "^\\s*- alert: (\\w+)$");
        Set<String> fired = matches(PROMETHEUS.resolve("alerts.test.yml"), "alertname: (\\w+)\\n\\s*exp_alerts:");

        assertThat(alerts).isNotEmpty();
        assertThat(fired).containsAll(alerts);
    }

    /** The check of every service's metrics in StackEndToEndIntegrationTests relies on this. */
    @Test
    void promtoolRefusesAMetricWithoutHelpText() throws Exception {
        Promtool.Result check =
                Promtool.run("# TYPE split_tasks_total counter\nsplit_tasks_total 1\n", "check", "metrics");

        assertThat(check.exitCode()).isNotZero();
        assertThat(check.output()).contains("split_tasks_total no help text");
    }

    private static Set<String> matches(Path file, String regex) throws Exception {
        return Pattern.compile(regex, Pattern.MULTILINE)
                .matcher(Files.readString(file))
                .results()
                .map(match -> match.group(1))
                .collect(Collectors.toSet());
    }
}
