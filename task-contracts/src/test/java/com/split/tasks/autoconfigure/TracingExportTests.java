package com.split.tasks.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * What the tracing that task-contracts brings every service exports: nothing until an OTLP endpoint is set, and nothing
 * when compose's {@code SPLIT_TRACE_EXPORT} leaves its endpoint switched off.
 */
class TracingExportTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class,
                    OtlpTracingAutoConfiguration.class));

    @Test
    void nothingIsExportedWithoutAnEndpoint() {
        runner.run(context -> assertThat(context).doesNotHaveBean(SpanExporter.class));
    }

    @Test
    void spansGoOverOtlpHttpToTheEndpoint() {
        runner.withPropertyValues(
                        "management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:4318/v1/traces")
                .run(context -> assertThat(context).hasSingleBean(OtlpHttpSpanExporter.class));
    }

    @Test
    void anEndpointSwitchedOffExportsNothing() {
        runner.withPropertyValues(
                        "management.opentelemetry.tracing.export.otlp.endpoint=http://tempo:4318/v1/traces",
                        "management.tracing.export.otlp.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SpanExporter.class));
    }
}
