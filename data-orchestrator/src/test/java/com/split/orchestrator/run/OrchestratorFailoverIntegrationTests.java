package com.split.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.orchestrator.DataOrchestratorApplication;
import com.split.tasks.QueueName;
import com.split.tasks.TaskPriority;
import com.split.tasks.TaskType;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.SplitTestEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import tools.jackson.databind.JsonNode;

/**
 * Two orchestrator instances, each a Spring context of its own on the test's Redis, one after the other: the first
 * starts a run and is closed while the fetch step runs, the second finishes it from the state in Redis alone. The
 * test's own context runs only the stand-ins: it does not consume {@code orchestrator_tasks}.
 */
@SplitIntegrationTest(properties = "split.bus.queues=yahoo_tasks,init_filter_tasks,final_sel_tasks,portfolio_tasks")
@Import(StandInWorkers.class)
class OrchestratorFailoverIntegrationTests {

    @Autowired
    RunBus bus;

    @Autowired
    StandIns standIns;

    @Autowired
    BusRedis redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    SplitTestEnvironment environment;

    @Autowired
    DataRedisConnectionDetails redisDetails;

    @Test
    void secondInstanceFinishesARunTheFirstStartedAndWasClosedDuring() {
        String session = RunBus.newSession();
        List<String> tickers = RunIntegrationTests.TEN.subList(0, 6);
        StandIns.Parking parking = standIns.parkFetches(session);

        try (ConfigurableApplicationContext first = orchestrator("orchestrator-first")) {
            bus.refresh(session, tickers);
            await().atMost(StandIns.PATIENCE).until(() -> parking.parked() == 4);
        }
        parking.release();
        // The fetch tasks' notices wait for an orchestrator, at high priority.
        await().atMost(StandIns.PATIENCE)
                .until(() ->
                        redis.await(redis.commands().llen(keys.ready(QueueName.ORCHESTRATOR_TASKS, TaskPriority.HIGH)))
                                == 4);
        assertThat(bus.completions(session)).isEmpty();

        try (ConfigurableApplicationContext second = orchestrator("orchestrator-second")) {
            JsonNode completed = bus.awaitCompleted(session);

            assertThat(completed.get("status").asString()).isEqualTo("SUCCESS");
            assertThat(completed.get("recommendations"))
                    .extracting(r -> r.get("ticker").asString())
                    .containsExactlyElementsOf(tickers);
        }
        assertThat(standIns.received(session, TaskType.FETCH_PRICES))
                .allSatisfy(task -> assertThat(task.initiator().instance()).isEqualTo("orchestrator-first"));
        assertThat(standIns.received(session, TaskType.INITIAL_FILTER))
                .singleElement()
                .satisfies(task -> assertThat(task.initiator().instance()).isEqualTo("orchestrator-second"));
        assertThat(bus.published(session, TaskType.INITIAL_FILTER)).isEqualTo(1);
    }

    /** An orchestrator as deployed, on the test's Redis and key prefix, consuming only {@code orchestrator_tasks}. */
    private ConfigurableApplicationContext orchestrator(String workerId) {
        DataRedisConnectionDetails.Standalone server = redisDetails.getStandalone();
        return new SpringApplicationBuilder(DataOrchestratorApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("testConfigurationsExcluded", new TestConfigurationsExcluded()))
                .properties(Map.of(
                        "split.bus.key-prefix", environment.keyPrefix(),
                        "spring.data.redis.host", server.getHost(),
                        "spring.data.redis.port", server.getPort(),
                        "split.bus.queues", QueueName.ORCHESTRATOR_TASKS.value(),
                        "split.bus.worker-id", workerId))
                .run();
    }

    /**
     * Leaves the tests' configurations (the stand-ins) out of a context built by hand, as a test context leaves them
     * out of its component scanning.
     */
    static final class TestConfigurationsExcluded extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }
    }
}
