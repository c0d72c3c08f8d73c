package com.split.logsrv.store;

import com.split.tasks.codec.TaskCodec;
import com.split.tasks.logs.LogRecord;
import com.split.tasks.streams.BusStreams;
import com.split.tasks.streams.StreamGroupConsumer;
import io.lettuce.core.StreamMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.core.JacksonException;

/**
 * Reads {@code split:logs} in the consumer group {@code log-srv} and stores each batch in one transaction, before it is
 * acknowledged: a MySQL outage is waited out and loses nothing. Each entry holds one field, {@code record}, with the
 * record's JSON; an entry that is not a valid record is kept in {@code rejected_records} with the reason.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LogStoreProperties.class)
class LogIngestion {

    /** Stops after the web server, so records logged while it drains still get stored. */
    static final int PHASE = Integer.MAX_VALUE - 8192;

    private static final Logger log = LoggerFactory.getLogger(LogIngestion.class);

    @Bean
    StreamGroupConsumer logConsumer(
            BusStreams streams,
            TaskCodec codec,
            LogRepository repository,
            LogStoreProperties properties,
            MeterRegistry meters,
            Environment environment) {
        Counter stored = Counter.builder("split.logsrv.stored")
                .description("Log records stored and acknowledged (redeliveries included)")
                .register(meters);
        Counter rejected = Counter.builder("split.logsrv.rejected")
                .description("Stream entries kept in rejected_records")
                .register(meters);
        DistributionSummary batchSize = DistributionSummary.builder("split.logsrv.batch.size")
                .description("Stream entries stored in one transaction")
                .register(meters);
        Timer write = Timer.builder("split.logsrv.write")
                .description("Time to store one batch, commit included")
                .register(meters);
        AtomicLong lag = gauge(meters, "split.logsrv.lag", "Records on split:logs the group has not read yet");
        AtomicLong pending = gauge(meters, "split.logsrv.pending", "Records read but not yet stored and acknowledged");
        StreamGroupConsumer.Handler handler = (stream, entries) -> {
            List<LogRow> rows = new ArrayList<>(entries.size());
            List<LogRepository.Rejected> refused = new ArrayList<>();
            for (StreamMessage<String, byte[]> entry : entries) {
                byte[] record = entry.getBody().get(LogRecord.STREAM_FIELD);
                try {
                    if (record == null) {
                        throw new InvalidLogRecordException("entry without a '" + LogRecord.STREAM_FIELD + "' field");
                    }
                    rows.add(LogRow.from(codec.mapper().readTree(record)));
                } catch (JacksonException | InvalidLogRecordException e) {
                    String reason = e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
                    log.warn("Rejected entry {} of {}: {}", entry.getId(), stream, reason);
                    refused.add(new LogRepository.Rejected(entry.getId(), text(entry.getBody()), reason));
                }
            }
            write.record(() -> repository.store(rows, refused));
            batchSize.record(entries.size());
            stored.increment(rows.size());
            rejected.increment(refused.size());
        };
        StreamGroupConsumer.Settings settings = StreamGroupConsumer.Settings.of(
                properties, environment.getProperty("spring.application.name", "log-srv"));
        return streams.consumer(
                "logs",
                List.of(streams.logs()),
                settings,
                handler,
                (stream, unread, unacknowledged, oldestAgeMillis) -> {
                    lag.set(unread);
                    pending.set(unacknowledged);
                },
                PHASE);
    }

    private static AtomicLong gauge(MeterRegistry meters, String name, String description) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(name, value, AtomicLong::get).description(description).register(meters);
        return value;
    }

    private static Map<String, String> text(Map<String, byte[]> body) {
        Map<String, String> fields = new LinkedHashMap<>();
        body.forEach((name, value) -> fields.put(name, new String(value, StandardCharsets.UTF_8)));
        return fields;
    }
}
