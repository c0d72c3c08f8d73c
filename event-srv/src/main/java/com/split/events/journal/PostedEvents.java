package com.split.events.journal;

import com.split.tasks.TaskEvent;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Journals events that arrive over HTTP rather than on a stream, in one transaction, with the same idempotence and
 * ordering as streamed ones. They go straight to MySQL because an event on a stream keeps only what the journal can
 * learn from {@code task_created}, and a posted event may be all the journal ever hears of its task.
 */
@Component
public class PostedEvents {

    private final JournalRepository journal;

    PostedEvents(JournalRepository journal) {
        this.journal = journal;
    }

    public void journal(List<TaskEvent> events) {
        journal.write(events.stream()
                .map(event -> new JournalEntry.Event("api:" + event.eventId(), event, null, null))
                .toList());
    }
}
