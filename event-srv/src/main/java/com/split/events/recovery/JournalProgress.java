package com.split.events.recovery;

import com.split.events.journal.EventsProperties;
import com.split.tasks.QueueName;
import com.split.tasks.streams.BusStreams;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Tells whether the journal has caught up with a queue's events stream up to a given entry: every event the bus
 * appended until then is committed in MySQL. The reconciler reads Redis, then asks this, then reads the journal, so
 * that a task that moved on the bus while it was looking shows in the journal as moved rather than as lost.
 */
@Component
class JournalProgress {

    private static final Duration POLL = Duration.ofMillis(100);

    private final BusStreams streams;
    private final String group;

    JournalProgress(BusStreams streams, EventsProperties properties) {
        this.streams = streams;
        this.group = properties.group();
    }

    /** The id of the newest entry of the queue's events stream, or null when it is empty. */
    @Nullable
    String lastEntry(QueueName queue) {
        return streams.lastEntryId(streams.events(queue));
    }

    /** Waits until every entry up to {@code entryId} is journalled; false if that takes longer than {@code wait}. */
    boolean awaitJournalled(QueueName queue, @Nullable String entryId, Duration wait) {
        if (entryId == null) {
            return true;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (!streams.handledUpTo(streams.events(queue), group, entryId)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return true;
    }
}
