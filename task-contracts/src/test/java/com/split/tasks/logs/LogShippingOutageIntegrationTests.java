package com.split.tasks.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.test.RedisServerProcess;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Redis stopped for 20 s while the application logs 10,000 WARN records: every log call returns at once, the appender
 * keeps the newest {@code buffer-size} records and counts the rest as dropped, exactly, and ships again once Redis is
 * back. The server is a private one with an append-only file, so what was shipped before the outage survives it.
 */
@SpringBootTest(
        classes = LogShippingOutageIntegrationTests.Publisher.class,
        properties = {
            "split.bus.key-prefix=logs-outage",
            "split.logs.buffer-size=" + LogShippingOutageIntegrationTests.BUFFER
        })
@ExtendWith(OutputCaptureExtension.class)
@Import(LogStream.class)
class LogShippingOutageIntegrationTests {

    static final int BUFFER = 2000;
    static final int RECORDS = 10_000;
    static final Duration OUTAGE = Duration.ofSeconds(20);

    @AutoClose
    static final RedisServerProcess SERVER = RedisServerProcess.start("--appendonly", "yes", "--appendfsync", "always");

    /** An application on the bus without workers: it only logs. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Publisher {

        @Bean
        DataRedisConnectionDetails privateRedis() {
            return SERVER.connectionDetails();
        }
    }

    private static final Logger log = LoggerFactory.getLogger("com.split.example.OutageProbe");

    /**
     * The probe's records go to the shipping appender only: the console appender writes into the test runner's pipe,
     * and its stalls would hide what this test times.
     */
    @BeforeEach
    void probeLogsToTheAppenderOnly() {
        ch.qos.logback.classic.Logger probe = (ch.qos.logback.classic.Logger) log;
        probe.setAdditive(false);
        probe.addAppender(appender);
    }

    @AfterEach
    void probeLogsEverywhere() {
        ch.qos.logback.classic.Logger probe = (ch.qos.logback.classic.Logger) log;
        probe.detachAppender(appender);
        probe.setAdditive(true);
    }

    @Autowired
    RedisLogAppender appender;

    @Autowired
    LogStream stream;

    @Test
    void outageDropsExactlyWhatTheBufferCannotHoldAndShippingResumes(CapturedOutput output) {
        long[] before = logPaced("before", 1000, Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> stream.records().size() >= 1000);

        SERVER.stop();
        long stoppedAt = System.nanoTime();
        long[] during = logPaced("outage", RECORDS, OUTAGE.minusSeconds(2));
        LockSupport.parkNanos(stoppedAt + OUTAGE.toNanos() - System.nanoTime());
        SERVER.restart();
        log.warn("after the outage");

        // Lettuce reconnects with backoff (up to 30 s between attempts), then the shipper drains the buffer.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> appender.buffered() == 0
                        && stream.records().stream().anyMatch(r -> r.message().equals("after the outage")));

        List<LogRecord> records = stream.records();
        Set<String> shippedMessages = records.stream().map(LogRecord::message).collect(Collectors.toSet());
        long distinct = records.stream().map(LogRecord::id).distinct().count();
        System.out.printf(
                "log call before the outage p99 %.1f µs, max %.1f µs; during it p99 %.1f µs, max %.1f µs;"
                        + " accepted %d, on the stream %d (%d distinct), dropped %d%n",
                micros(before, 99),
                micros(before, 100),
                micros(during, 99),
                micros(during, 100),
                appender.accepted(),
                records.size(),
                distinct,
                appender.dropped());

        assertThat(micros(during, 100))
                .as("longest log call during the outage, µs")
                .isLessThan(50_000);
        // Exact once the appender is idle: records other threads log meanwhile are accepted a moment before they ship.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    long shipped = stream.records().stream()
                            .map(LogRecord::id)
                            .distinct()
                            .count();
                    long dropped = appender.dropped();
                    assertThat(shipped + dropped).as("shipped + dropped").isEqualTo(appender.accepted());
                });
        assertThat(appender.dropped()).isGreaterThanOrEqualTo(RECORDS - BUFFER);
        assertThat(shippedMessages)
                .as("the newest records are kept, the oldest dropped")
                .contains("outage " + (RECORDS - 1) + " with password=****")
                .doesNotContain("outage 0 with password=****");
        assertThat(records).noneMatch(r -> r.message().contains("hunter2"));
        assertThat(output)
                .contains("Log shipping to logs-outage:logs resumed; " + appender.dropped()
                        + " records were dropped while it was paused");
    }

    /** Logs {@code count} WARN records evenly over {@code span} and returns each call's duration in nanoseconds. */
    private static long[] logPaced(String label, int count, Duration span) {
        long[] durations = new long[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            LockSupport.parkNanos(start + span.toNanos() * i / count - System.nanoTime());
            long t0 = System.nanoTime();
            log.warn("{} {} with password=hunter2", label, i);
            durations[i] = System.nanoTime() - t0;
        }
        return durations;
    }

    private static double micros(long[] durations, int percentile) {
        long[] sorted = durations.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, rank)] / 1000.0;
    }
}
