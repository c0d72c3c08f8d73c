package com.split.tasks.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Keeps the metrics within Prometheus' metric lint ({@code promtool check metrics}), which the meters of Micrometer's
 * binders and Spring Security break in three ways:
 *
 * <ul>
 *   <li>{@code system.cpu.count} ends in {@code _count}, which only a histogram or a summary may: it is exported as
 *       {@code system.cpu.processors}.
 *   <li>{@code process.cpu.time} (nanoseconds) and {@code jvm.compilation.time} (milliseconds) carry abbreviated units:
 *       they are dropped, and {@link SecondsMeters} registers them in seconds.
 *   <li>Spring Security's filter chain counts each filter's passes as {@code spring.security.filterchains.<filter>.before}
 *       and {@code .after}, with names taken from the filters' classes (camelCase, which the lint refuses): they are
 *       dropped. Two counters per filter count what {@code http.server.requests} counts already; the chain's timer
 *       {@code spring.security.filterchains} stays.
 * </ul>
 */
public final class PromLintFilter implements MeterFilter {

    private static final String FILTER_CHAIN = "spring.security.filterchains.";

    @Override
    public Meter.Id map(Meter.Id id) {
        return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.processors") : id;
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        String name = id.getName();
        boolean filterPass = id.getType() == Meter.Type.COUNTER
                && name.startsWith(FILTER_CHAIN)
                && (name.endsWith(".before") || name.endsWith(".after"));
        boolean abbreviatedUnit = (name.equals("process.cpu.time") && "ns".equals(id.getBaseUnit()))
                || (name.equals("jvm.compilation.time") && "ms".equals(id.getBaseUnit()));
        return filterPass || abbreviatedUnit ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }
}
