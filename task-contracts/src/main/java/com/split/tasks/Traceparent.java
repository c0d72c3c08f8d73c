package com.split.tasks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * W3C trace context for tasks: a task published while a span is current (an HTTP request, a running task) is its
 * child, so tracing tools draw one trace per refresh. Without tracing the worker still puts the running task's
 * {@code traceparent} in the MDC, and a child published from there gets the same trace id with a new parent (span) id.
 */
public final class Traceparent {

    /** The MDC key under which the worker keeps the running task's traceparent. */
    public static final String MDC_KEY = "traceparent";

    private static final Pattern VALID = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private Traceparent() {}

    /**
     * The traceparent for a task published now: the current OpenTelemetry span's (Micrometer Tracing's spans are
     * OpenTelemetry's), else a child of the running task's from the MDC, else null.
     */
    public static @Nullable String forNewTask() {
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            return of(span.getTraceId(), span.getSpanId(), span.isSampled());
        }
        String current = MDC.get(MDC_KEY);
        return current == null ? null : childOf(current);
    }

    /** The W3C version 00 traceparent of a span. */
    public static String of(String traceId, String spanId, boolean sampled) {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    /** The same trace with a new parent id; a value that is not W3C version 00 is passed on as it is. */
    public static String childOf(String traceparent) {
        if (!VALID.matcher(traceparent).matches()) {
            return traceparent;
        }
        byte[] spanId = new byte[8];
        ThreadLocalRandom.current().nextBytes(spanId);
        return traceparent.substring(0, 36) + HexFormat.of().formatHex(spanId) + traceparent.substring(52);
    }
}
