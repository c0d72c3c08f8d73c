package com.split.tasks.bus.worker;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The places for running tasks of one queue's worker: claims take them first, a run frees its own when it ends. */
final class Slots {

    private final int all;
    private final Semaphore free;

    Slots(int all) {
        this.all = all;
        this.free = new Semaphore(all);
    }

    /**
     * Waits up to {@code wait} for one free slot, then takes as many more as are free, up to {@code most}.
     *
     * @return the slots taken, 0 if none came free
     */
    int reserve(int most, Duration wait) throws InterruptedException {
        if (!free.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return 0;
        }
        int taken = 1;
        while (taken < most && free.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    void release(int slots) {
        free.release(slots);
    }

    /** Waits until every slot is free, until {@code deadlineNanos}; returns whether they all are. */
    boolean awaitAllFree(long deadlineNanos) throws InterruptedException {
        if (free.tryAcquire(all, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            free.release(all);
            return true;
        }
        return false;
    }
}
