package com.split.tasks.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.worker.TaskContext;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.bus.worker.WorkerContainer;
import com.split.tasks.test.SplitTestRedis;
import com.split.tasks.test.TaskEnvelopes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** A real worker's handler logs; its WARN reaches the stream with the task context, masked, and its INFO does not. */
@SpringBootTest(classes = LogShippingIntegrationTests.LoggingWorker.class)
@Import({SplitTestRedis.class, LogStream.class})
class LogShippingIntegrationTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class LoggingWorker {

        @Bean
        TaskHandler loggingHandler() {
            return new LoggingHandler();
        }
    }

    static class LoggingHandler implements TaskHandler {

        /** Outside {@code com.split.tasks.logs}, whose own records are never shipped. */
        static final String LOGGER = "com.split.example.PriceFetcher";

        private static final Logger log = LoggerFactory.getLogger(LOGGER);

        @Override
        public TaskType type() {
            return TaskEnvelopes.TEST_TASK;
        }

        @Override
        public TaskOutcome handle(TaskEnvelope task, TaskContext context) {
            log.info("Fetching prices for {}", task.tickers());
            log.warn(
                    "Login to the provider failed with password=hunter2 for {}",
                    task.tickers(),
                    new IllegalStateException(
                            "cache at redis://app:s3cr3t@cache:6379 refused", new IllegalArgumentException("cause")));
            return TaskOutcome.success();
        }
    }

    @Autowired
    TaskPublisher publisher;

    @Autowired
    LogStream stream;

    @Autowired
    WorkerContainer worker;

    @Test
    void handlerWarningIsShippedWithTaskContextAndMaskedSecrets() {
        UUID taskId = publisher.publish(TaskEnvelopes.testTask()
                .userId("user_zero")
                .traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .tickers("AAPL")
                .build());

        List<LogRecord> ours = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> stream.records().stream()
                                .filter(record -> taskId.toString().equals(record.taskId()))
                                .toList(),
                        records -> !records.isEmpty());

        assertThat(ours).singleElement().satisfies(record -> {
            assertThat(record.level()).isEqualTo("WARN");
            assertThat(record.logger()).isEqualTo(LoggingHandler.LOGGER);
            assertThat(record.module()).isEqualTo("bus-tests");
            assertThat(record.instance()).isEqualTo(worker.workerId());
            assertThat(record.message()).isEqualTo("Login to the provider failed with password=**** for [AAPL]");
            assertThat(record.sessionId()).isEqualTo("session-test");
            assertThat(record.userId()).isEqualTo("user_zero");
            assertThat(record.traceparent()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
            assertThat(record.exception()).isNotNull();
            assertThat(record.exception().type()).isEqualTo(IllegalStateException.class.getName());
            assertThat(record.exception().message()).isEqualTo("cache at redis://app:****@cache:6379 refused");
            assertThat(record.exception().stackTrace())
                    .contains("at " + LoggingHandler.class.getName() + ".handle(")
                    .contains("Caused by: java.lang.IllegalArgumentException: cause")
                    .contains("redis://app:****@cache")
                    .doesNotContain("s3cr3t");
        });
        assertThat(stream.records())
                .noneMatch(record -> record.level().equals("INFO"))
                .noneMatch(record -> record.logger().startsWith("io.lettuce")
                        || record.logger().startsWith("com.split.tasks.logs"));
    }
}
