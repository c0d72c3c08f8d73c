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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Journals the batches the {@code event-srv} consumer group reads from the queues' events streams: decodes each entry
 * and writes the batch, split by task into up to {@code split.events.writers} transactions that run at once on
 * connections of their own (a task's events always in one of them, so they never wait on each other's rows). The
 * {@link StreamGroupConsumer} acknowledges a batch only after every part of it is committed, so a crash or a MySQL
 * outage loses nothing; the journal's idempotence makes a batch written twice, or half of it, harmless.
 */
class JournalIngestor implements StreamGroupConsumer.Handler, StreamGroupConsumer.Stats, AutoCloseable {

    /**
     * Entries a batch needs per part: a part costs a commit (a log flush) and a few statements whatever its size, so a
     * short batch, as when the journal keeps up, is not worth splitting.
     */
    static final int MIN_PART = 64;

    private static final Logger log = LoggerFactory.getLogger(JournalIngestor.class);

    private final TaskCodec codec;
    private final JournalRepository journal;
    private final Map<String, QueueName> queues = new HashMap<>();
    private final Map<String, JournalMetrics.Queue> meters = new HashMap<>();
    private final int writers;
    private final ExecutorService parts = Executors.newVirtualThreadPerTaskExecutor();

    JournalIngestor(
            BusStreams streams,
            TaskCodec codec,
            JournalRepository journal,
            List<QueueName> queues,
            int writers,
            JournalMetrics metrics) {
        this.codec = codec;
        this.journal = journal;
        this.writers = writers;
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
        List<JournalEntry> written = writeInParts(stream, entries);
        queueMeters.write().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        queueMeters.written(written.size(), (int)
                written.stream().filter(JournalEntry.Event.class::isInstance).count());
    }

    /** Writes each part in a transaction of its own, all at once; fails, once every part has ended, if any did. */
    private List<JournalEntry> writeInParts(String stream, List<JournalEntry> entries) {
        List<List<JournalEntry>> split = split(entries, Math.min(writers, Math.max(1, entries.size() / MIN_PART)));
        if (split.size() == 1) {
            return write(stream, entries);
        }
        List<Future<List<JournalEntry>>> others = new ArrayList<>(split.size() - 1);
        for (List<JournalEntry> part : split.subList(1, split.size())) {
            others.add(parts.submit(() -> write(stream, part)));
        }
        List<JournalEntry> written = new ArrayList<>(entries.size());
        RuntimeException failure = null;
        try {
            written.addAll(write(stream, split.getFirst()));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<List<JournalEntry>> other : others) {
            try {
                written.addAll(other.get());
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                        ? runtime
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the batch was written", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return written;
    }

    /** The entries in {@code count} parts by task, rejected entries with the first. */
    static List<List<JournalEntry>> split(List<JournalEntry> entries, int count) {
        if (count == 1) {
            return List.of(entries);
        }
        List<List<JournalEntry>> split = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            split.add(new ArrayList<>(entries.size() / count + 1));
        }
        for (JournalEntry entry : entries) {
            int part = entry instanceof JournalEntry.Event event
                    ? Math.floorMod(event.event().taskId().hashCode(), count)
                    : 0;
            split.get(part).add(entry);
        }
        split.removeIf(List::isEmpty);
        return split;
    }

    @Override
    public void close() {
        parts.close();
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
