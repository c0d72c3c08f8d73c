package com.split.logsrv.store;

import com.split.tasks.streams.StreamGroupConsumer;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * log-srv settings.
 *
 * @param group the consumer group every log-srv instance shares on {@code split:logs}
 * @param consumerName this instance's consumer in the group; {@code <application>-<host>-<random>} when unset
 * @param batchSize most records read, stored in one transaction and acknowledged at once
 * @param block how long one read waits for new records
 * @param claimIdle how long a record may stay unacknowledged with another instance before this one takes it over
 * @param claimInterval how often pending records of other instances are looked for
 * @param maxBackoff the longest wait between attempts while Redis or MySQL are unavailable
 * @param statsInterval how often the stream's lag is read for the gauges
 * @param retention age after which records are deleted
 * @param retentionInterval how often old records are looked for
 * @param retentionBatchSize most records deleted in one statement, so that the retention never locks the table long
 * @param maxRequestSize the largest request body the API reads (1B to under 2GB); a larger one is a 413
 * @param maxRecordsPerRequest the most records one {@code POST /api/logs} may carry
 */
@ConfigurationProperties("split.logsrv")
public record LogStoreProperties(
        @DefaultValue("log-srv") String group,
        @Nullable String consumerName,
        @DefaultValue("500") int batchSize,
        @DefaultValue("1s") Duration block,
        @DefaultValue("60s") Duration claimIdle,
        @DefaultValue("30s") Duration claimInterval,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("5s") Duration statsInterval,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration retentionInterval,
        @DefaultValue("1000") int retentionBatchSize,
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("1000") int maxRecordsPerRequest)
        implements StreamGroupConsumer.Configured {

    public LogStoreProperties {
        if (batchSize < 1 || retentionBatchSize < 1) {
            throw new IllegalArgumentException("split.logsrv batch sizes must be at least 1");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("split.logsrv.retention must be positive");
        }
        if (retentionInterval.isNegative() || retentionInterval.isZero()) {
            throw new IllegalArgumentException("split.logsrv.retention-interval must be positive");
        }
        if (maxRequestSize.toBytes() < 1 || maxRequestSize.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("split.logsrv.max-request-size must be at least 1B and less than 2GB");
        }
        if (maxRecordsPerRequest < 1) {
            throw new IllegalArgumentException("split.logsrv.max-records-per-request must be at least 1");
        }
    }
}
