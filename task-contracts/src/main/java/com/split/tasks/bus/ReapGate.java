package com.split.tasks.bus;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether this process may take a silent worker for dead. After a Redis outage longer than the lease, every worker's
 * heartbeat is stale by Redis's clock until it beats again, so a reaper that trusted the first stale score it read
 * would take back the tasks of live workers (they would run twice). The gate opens once this process's own calls to
 * Redis have gone through without a failure for a whole lease: a worker still silent then was silent on its own, since
 * {@code lease ≥ 2 × (heartbeat-interval + command-timeout)} leaves every live worker time to beat meanwhile.
 *
 * <p>Thread-safe.
 */
public final class ReapGate {

    private final Duration lease;
    private final LongSupplier nanoTime;
    private boolean reachable;
    private long reachableSince;

    public ReapGate(Duration lease) {
        this(lease, System::nanoTime);
    }

    ReapGate(Duration lease, LongSupplier nanoTime) {
        this.lease = lease;
        this.nanoTime = nanoTime;
    }

    /** A call to Redis went through. */
    public synchronized void reached() {
        if (!reachable) {
            reachable = true;
            reachableSince = nanoTime.getAsLong();
        }
    }

    /** A call to Redis failed: the lease of trust starts again at the next call that goes through. */
    public synchronized void failed() {
        reachable = false;
    }

    /** Whether Redis has answered without a failure for at least a lease. */
    public synchronized boolean isOpen() {
        return reachable && nanoTime.getAsLong() - reachableSince >= lease.toNanos();
    }
}
