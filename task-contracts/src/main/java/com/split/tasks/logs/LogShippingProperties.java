package com.split.tasks.logs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.logging.LogLevel;

/**
 * Log shipping settings ({@code split.logs.*}): which records go to the {@code split:logs} stream, and how much the
 * appender holds while Redis is away.
 *
 * @param enabled whether every log record at {@code level} or above is shipped
 * @param level the lowest level shipped; loggers configured above it still filter first
 * @param bufferSize records held for shipping; past it the oldest are dropped (and counted)
 * @param batchSize most records sent in one pipelined round trip
 * @param streamMaxLength approximate length the stream is trimmed to on every add ({@code MAXLEN ~}), so the stream
 *     stays bounded when log-srv is down
 * @param flushTimeout how long shutdown waits for buffered records to reach Redis
 */
@ConfigurationProperties("split.logs")
public record LogShippingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("WARN") LogLevel level,
        @DefaultValue("10000") int bufferSize,
        @DefaultValue("500") int batchSize,
        @DefaultValue("1000000") long streamMaxLength,
        @DefaultValue("2s") Duration flushTimeout) {

    public LogShippingProperties {
        if (bufferSize < 1 || batchSize < 1 || streamMaxLength < 1) {
            throw new IllegalArgumentException(
                    "split.logs.buffer-size, batch-size and stream-max-length must be at least 1");
        }
        if (level == LogLevel.OFF) {
            throw new IllegalArgumentException("split.logs.level=OFF: use split.logs.enabled=false");
        }
    }
}
