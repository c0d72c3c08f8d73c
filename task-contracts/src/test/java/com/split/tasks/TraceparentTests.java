package com.split.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.test.TaskEnvelopes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TraceparentTests {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void childKeepsTheTraceWithANewParentId() {
        String child = Traceparent.childOf(PARENT);
        assertThat(child)
                .matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
                .isNotEqualTo(PARENT);
    }

    @Test
    void foreignValuesPassThrough() {
        assertThat(Traceparent.childOf("vendor-specific")).isEqualTo("vendor-specific");
    }

    @Test
    void taskBuiltInsideARunningTaskContinuesItsTrace() {
        MDC.put(Traceparent.MDC_KEY, PARENT);
        assertThat(TaskEnvelopes.testTask().build().traceparent()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
    }

    @Test
    void taskBuiltWithinASpanIsItsChild() {
        SpanContext span = SpanContext.create(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "b7ad6b7169203331",
                TraceFlags.getSampled(),
                TraceState.getDefault());
        MDC.put(Traceparent.MDC_KEY, PARENT); // the span wins over a traceparent of the MDC
        try (Scope scope = Span.wrap(span).makeCurrent()) {
            assertThat(TaskEnvelopes.testTask().build().traceparent())
                    .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01");
        }
    }

    @Test
    void taskBuiltOutsideATaskHasNoTrace() {
        assertThat(TaskEnvelopes.testTask().build().traceparent()).isNull();
    }
}
