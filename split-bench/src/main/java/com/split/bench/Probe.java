package com.split.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the worker side measures, without locks on the task path. Tasks are numbered as they start and as they settle
 * (the runtime counts a task completed only after its finish script is applied); the first {@code warm} settle as
 * warm-up, the next {@code target} are measured. Times are {@code System.nanoTime()}.
 */
final class Probe {

    private final long warm;
    private final long target;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final AtomicLong coldFirstStart = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    private final double[] samples;
    private final AtomicInteger sampleCount = new AtomicInteger();
    private final CountDownLatch warmed;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long warmAt;
    private volatile long lastEnd;

    Probe(long warm, long target) {
        this.warm = warm;
        this.target = target;
        this.samples = new double[Math.toIntExact(target)];
        this.warmed = new CountDownLatch(warm == 0 ? 0 : 1);
        this.warmAt = System.nanoTime();
    }

    /** A handler started; {@code enq} is the payload's enqueue time in seconds, if it has one. */
    void started(@Nullable JsonNode enq) {
        long now = System.nanoTime();
        long index = started.incrementAndGet();
        coldFirstStart.accumulateAndGet(now, Math::min);
        // Started after the warm-up ones: measured. Any start order within a claim is fine, the minimum is the start.
        if (index > warm && index <= warm + target) {
            firstStart.accumulateAndGet(now, Math::min);
            if (enq != null && enq.isNumber()) {
                int slot = sampleCount.getAndIncrement();
                if (slot < samples.length) {
                    samples[slot] = now / 1e9 - enq.asDouble();
                }
            }
        }
    }

    /** The runtime settled a task: its finish script was applied. */
    void settled() {
        long index = settled.incrementAndGet();
        if (index == warm) {
            warmAt = System.nanoTime();
            warmed.countDown();
        }
        if (index == warm + target) {
            lastEnd = System.nanoTime();
            done.countDown();
        }
    }

    CountDownLatch warmed() {
        return warmed;
    }

    CountDownLatch done() {
        return done;
    }

    long warmAt() {
        return warmAt;
    }

    long lastEnd() {
        return lastEnd;
    }

    long firstStart() {
        return firstStart.get();
    }

    long coldFirstStart() {
        return coldFirstStart.get();
    }

    long settledCount() {
        return settled.get();
    }

    /** Measured tasks settled so far. */
    long measured() {
        return Math.max(0, Math.min(target, settled.get() - warm));
    }

    double[] samples() {
        return Arrays.copyOf(samples, Math.min(samples.length, sampleCount.get()));
    }
}
