package com.split.tasks;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUIDv7 ids (RFC 9562) for tasks and events: time-ordered, so ids sort by creation time and index well in MySQL.
 *
 * <p>Thread-safe. Ids from one JVM are strictly increasing: within one millisecond the 12-bit {@code rand_a} field
 * counts up (RFC 9562 method 3); when it runs over, the timestamp is borrowed from the next millisecond. The 62
 * random bits come from {@link ThreadLocalRandom}: ids must be unique, not unguessable, and a secure generator would
 * cost a system call and a lock on every task and event.
 */
public final class TaskIds {

    private static final AtomicLong LAST = new AtomicLong();

    private TaskIds() {}

    public static UUID newId() {
        return newId(Clock.systemUTC().millis());
    }

    static UUID newId(long nowMillis) {
        long stamp = LAST.updateAndGet(last -> Math.max(nowMillis << 12, last + 1));
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long mostSig = (millis << 16) | 0x7000L | counter;
        long leastSig = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(mostSig, leastSig);
    }

    /**
     * A fresh id without its last four hex digits, for a script that needs many event ids: it appends {@code %04x} of
     * a counter, which keeps the ids unique (the prefix is) and valid (the variant bits are earlier).
     */
    public static String newIdPrefix() {
        String id = newId().toString();
        return id.substring(0, id.length() - 4);
    }

    /** The creation time a UUIDv7 carries, in epoch milliseconds. */
    public static long epochMillis(UUID id) {
        if (id.version() != 7) {
            throw new IllegalArgumentException(id + " is not a UUIDv7");
        }
        return id.getMostSignificantBits() >>> 16;
    }
}
