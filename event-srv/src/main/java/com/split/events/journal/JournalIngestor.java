package com.split.events.journal;

import com.split.tasks.QueueName;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.streams.BusStreams;
import com.split.tasks.streams.StreamGroupConsumer;
import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Journals the batches the {@code event-srv} consumer group reads from the queues' events streams: decodes each entry
 * and writes the batch in one transaction. The {@link StreamGroupConsumer} acknowledges a batch only after this
 * returns, so a crash or a MySQL outage loses nothing; the journal's idempotence makes a batch written twice harmless.
 */
class JournalIngestor implements StreamGroupConsumer.Handler, StreamGroupConsumer.Stats {

    private static final Logger log = LoggerFactory.getLogger(JournalIngestor.class);

    private final TaskCodec codec;
    private final JournalRepository journal;
    private final Map<String, QueueName> queues = new HashMap<>();
    private final Map<String, JournalMetrics.Queue> meters = new HashMap<>();

    JournalIngestor(
            BusStreams streams,
            TaskCodec codec,
            JournalRepository journal,
            List<QueueName> queues,
            JournalMetrics metrics) {
        this.codec = codec;
        this.journal = journal;
        for (QueueName queue : queues) {
            this.queues.put(streams.events(queue), queue);
            this.meters.put(streams.events(queue), metrics.queue(queue));
        }
    }

    List<String> streams() {
        return List.copyOf(queues.keySet());
    }

    @Override
    public void handle(String stream, List<StreamMessage<String, byte[]>> messages) {
        QueueName queue = queues.get(stream);
        List<JournalEntry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, byte[]> message : messages) {
            entries.add(decode(queue, stream, message));
        }
        JournalMetrics.Queue queueMeters = meters.get(stream);
        long start = System.nanoTime();
        List<JournalEntry> written = write(stream, entries);
        queueMeters.write().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        queueMeters.written(written.size(), (int)
                written.stream().filter(JournalEntry.Event.class::isInstance).count());
    }

    @Override
    public void update(String stream, long lag, long pending, long oldestAgeMillis) {
        meters.get(stream).stream(lag, pending, oldestAgeMillis);
    }

    private JournalEntry decode(QueueName queue, String stream, StreamMessage<String, byte[]> message) {
        Map<String, String> fields = new LinkedHashMap<>();
        message.getBody().forEach((name, value) -> fields.put(name, new String(value, StandardCharsets.UTF_8)));
        try {
            var decoded = codec.fromStreamFields(queue, fields);
            return new JournalEntry.Event(
                    message.getId(),
                    decoded.event(),
                    decoded.envelope(),
                    decoded.envelope() == null ? null : fields.get("envelope"));
        } catch (RuntimeException e) {
            return reject(stream, queue, message.getId(), fields, e.getMessage());
        }
    }

    private static JournalEntry.Rejected reject(
            String stream, QueueName queue, String entryId, Map<String, String> fields, @Nullable String reason) {
        String why = reason == null ? "unreadable entry" : reason;
        log.warn("Rejected entry {} of {}: {}", entryId, stream, why);
        return new JournalEntry.Rejected(entryId, queue, fields, why);
    }

    /**
     * Writes the batch; when MySQL refuses its data (a value too long for its column), writes the entries one by one
     * and rejects those it refuses, so one bad entry never blocks the stream. Outages propagate: retried.
     *
     * @return the entries as written: an event MySQL refused became a rejected entry
     */
    private List<JournalEntry> write(String stream, List<JournalEntry> entries) {
        try {
            journal.write(entries);
            return entries;
        } catch (DataIntegrityViolationException batchRefused) {
            List<JournalEntry> written = new ArrayList<>(entries.size());
            for (JournalEntry entry : entries) {
                try {
                    journal.write(List.of(entry));
                    written.add(entry);
                } catch (DataIntegrityViolationException refused) {
                    if (entry instanceof JournalEntry.Event event) {
                        Map<String, String> fields = new LinkedHashMap<>();
                        fields.put("event", codec.encodeEvent(event.event()));
                        JournalEntry.Rejected rejected = reject(
                                stream,
                                queues.get(stream),
                                entry.entryId(),
                                fields,
                                "refused by MySQL: "
                                        + refused.getMostSpecificCause().getMessage());
                        journal.write(List.of(rejected));
                        written.add(rejected);
                    } else {
                        throw refused;
                    }
                }
            }
            return written;
        }
    }
}
