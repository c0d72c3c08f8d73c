package com.split.events.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.test.TaskEnvelopes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JournalIngestorTests {

    @Test
    void splitsABatchByTaskWithEveryEventOfATaskInOnePartAndRejectedEntriesInTheFirst() {
        List<JournalEntry> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            TaskEnvelope task = TaskEnvelopes.testTask().build();
            batch.add(event(task, EventType.TASK_CREATED));
            batch.add(event(task, EventType.TASK_QUEUED));
        }
        JournalEntry.Rejected rejected =
                new JournalEntry.Rejected("9-0", QueueName.of("test_tasks"), Map.of(), "unreadable entry");
        batch.add(rejected);

        List<List<JournalEntry>> parts = JournalIngestor.split(batch, 3);

        assertThat(parts).hasSize(3);
        assertThat(parts.getFirst()).contains(rejected);
        assertThat(parts.stream().mapToInt(List::size).sum()).isEqualTo(batch.size());
        Set<UUID> seen = new HashSet<>();
        for (List<JournalEntry> part : parts) {
            Set<UUID> tasks = new HashSet<>();
            part.forEach(entry -> {
                if (entry instanceof JournalEntry.Event event) {
                    tasks.add(event.event().taskId());
                }
            });
            assertThat(seen).doesNotContainAnyElementsOf(tasks);
            seen.addAll(tasks);
        }
    }

    @Test
    void aSinglePartIsTheBatchItself() {
        List<JournalEntry> batch = List.of(event(TaskEnvelopes.testTask().build(), EventType.TASK_CREATED));

        assertThat(JournalIngestor.split(batch, 1)).containsExactly(batch);
    }

    @Test
    void partsWithoutEntriesAreLeftOut() {
        TaskEnvelope task = TaskEnvelopes.testTask().build();
        List<JournalEntry> batch = List.of(event(task, EventType.TASK_CREATED), event(task, EventType.TASK_QUEUED));

        assertThat(JournalIngestor.split(batch, 4)).containsExactly(batch);
    }

    private static JournalEntry.Event event(TaskEnvelope task, EventType type) {
        return new JournalEntry.Event(
                UUID.randomUUID().toString(), TaskEvent.of(type, task, Instant.now()), null, null);
    }
}
