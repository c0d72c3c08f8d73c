package com.split.events.journal;

import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the journal writes for one stream entry: an event, or the reason it could not be read. */
sealed interface JournalEntry {

    String entryId();

    /**
     * A decoded event.
     *
     * @param envelopeJson the envelope exactly as the {@code task_created} entry carried it
     */
    record Event(
            String entryId,
            TaskEvent event,
            @Nullable TaskEnvelope envelope,
            @Nullable String envelopeJson) implements JournalEntry {}

    /** An entry that is not a valid event, kept in {@code rejected_events}. */
    record Rejected(String entryId, QueueName queue, Map<String, String> fields, String reason)
            implements JournalEntry {}
}
