package com.split.tasks;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * W3C trace context for tasks: a task published while another one runs continues its trace. The worker puts the
 * running task's {@code traceparent} in the MDC; a child published from there gets the same trace id with a new
 * parent (span) id, so tracing tools draw the task tree.
 */
public final class Traceparent {

    /** The MDC key under which the worker keeps the running task's traceparent. */
    public static final String MDC_KEY = "traceparent";

    private static final Pattern VALID = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private Traceparent() {}

    /** The traceparent for a task published now: a child of the running task's, or null outside a task. */
    public static @Nullable String forNewTask() {
        String current = MDC.get(MDC_KEY);
        return current == null ? null : childOf(current);
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
