package com.split.tasks.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * {@code process.cpu.time} and {@code jvm.compilation.time} in seconds, in place of Micrometer's in nanoseconds and
 * milliseconds that {@link PromLintFilter} drops: at {@code /actuator/prometheus} they read
 * {@code process_cpu_time_seconds_total} and {@code jvm_compilation_time_seconds_total}.
 */
public final class SecondsMeters implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu.time", os, bean -> bean.getProcessCpuTime() / 1e9)
                    .description("CPU time the Java virtual machine process has used")
                    .baseUnit("seconds")
                    .register(registry);
        }
        CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
        if (compilation != null && compilation.isCompilationTimeMonitoringSupported()) {
            FunctionCounter.builder("jvm.compilation.time", compilation, bean -> bean.getTotalCompilationTime() / 1e3)
                    .description("Approximate time the just-in-time compiler has spent compiling")
                    .tag("compiler", compilation.getName())
                    .baseUnit("seconds")
                    .register(registry);
        }
    }
}
