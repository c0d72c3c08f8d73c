package com.split.tasks.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.codec.TaskCodec;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.logging.LogLevel;

/** The appender without a Redis: its buffer, its filters and the record it makes. Redis is a closed port. */
class RedisLogAppenderTests {

    private final RedisClient client = RedisClient.create("redis://127.0.0.1:1");
    private final RedisLogAppender appender = new RedisLogAppender(
            new BusRedis(client, Duration.ofMillis(200)),
            new TaskCodec().mapper(),
            "test:logs",
            "unit-tests",
            "unit-tests-1",
            new LogShippingProperties(true, LogLevel.WARN, 3, 500, 1000, Duration.ofMillis(100)));
    private final List<Logger> loggers = new ArrayList<>();

    /** A logger of the application's Logback context (whose MDC the code uses) that logs to the appender only. */
    private Logger logger(String name) {
        Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(name);
        logger.setAdditive(false);
        logger.addAppender(appender);
        loggers.add(logger);
        return logger;
    }

    @AfterEach
    void detach() {
        loggers.forEach(logger -> {
            logger.detachAppender(appender);
            logger.setAdditive(true);
        });
        appender.stop();
        client.shutdown(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void keepsTheNewestRecordsAndCountsTheDropped() {
        appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.start();
        Logger logger = logger("com.split.example.Buffer");
        for (int i = 0; i < 5; i++) {
            logger.warn("record {}", i);
        }
        logger.info("below the level");
        logger("io.lettuce.core.Example").error("the transport's own record");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> appender.buffered() == 3 && appender.dropped() == 2 && appender.accepted() == 5);

        appender.stop();
        assertThat(appender.dropped())
                .as("what was left at shutdown counts too")
                .isEqualTo(5);
        assertThat(appender.shipped()).isZero();
    }

    @Test
    void recordCarriesTheTaskContextAndMasksTheRest() {
        CapturingAppender capture = new CapturingAppender();
        Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("com.split.example.Record");
        logger.setAdditive(false);
        logger.addAppender(capture);
        capture.start();
        try (var task = MDC.putCloseable("task_id", "0193a5c2-7f3e-7cc1-9d2a-3f1e8a6b4c10");
                var session = MDC.putCloseable("session_id", "run-1");
                var user = MDC.putCloseable("user_id", null);
                var other = MDC.putCloseable("db", "jdbc:mysql://app:s3cr3t@db/split")) {
            logger.warn("token={} and {}", "abc", "x".repeat(RedisLogAppender.MAX_TEXT), new RuntimeException("boom"));
        } finally {
            logger.detachAppender(capture);
            logger.setAdditive(true);
        }

        LogRecord record = appender.toRecord(capture.events.getFirst());

        assertThat(record.taskId()).isEqualTo("0193a5c2-7f3e-7cc1-9d2a-3f1e8a6b4c10");
        assertThat(record.sessionId()).isEqualTo("run-1");
        assertThat(record.userId()).isNull();
        assertThat(record.mdc()).containsOnlyKeys("db").containsEntry("db", "jdbc:mysql://app:****@db/split");
        assertThat(record.message()).startsWith("token=**** and xxx").endsWith("… (cut at 16 KiB)");
        assertThat(record.message().length()).isLessThan(RedisLogAppender.MAX_TEXT + 20);
        assertThat(record.exception().type()).isEqualTo("java.lang.RuntimeException");
        assertThat(record.exception().stackTrace()).startsWith("java.lang.RuntimeException: boom");
        assertThat(record.module()).isEqualTo("unit-tests");
        assertThat(record.instance()).isEqualTo("unit-tests-1");
    }

    /** Keeps events as the shipping thread would see them: prepared for deferred processing on the logging thread. */
    static final class CapturingAppender extends ch.qos.logback.core.AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> events = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    }
}
