package com.split.orchestrator.run;

import com.split.tasks.TaskIds;
import com.split.tasks.autoconfigure.TaskBusProperties;
import com.split.tasks.codec.TaskCodec;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The run rules, configured. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrchestratorProperties.class)
class RunConfiguration {

    /**
     * Refuses a retention shorter than the bus's dedupe TTL: a session whose run state has expired could otherwise
     * start a run again (a replayed refresh) whose tasks the idempotency keys of the first run would still swallow.
     */
    RunConfiguration(OrchestratorProperties properties, TaskBusProperties bus) {
        Duration dedupeTtl = bus.publish().dedupeTtl();
        if (properties.retention().compareTo(dedupeTtl) < 0) {
            throw new IllegalStateException(
                    "split.orchestrator.retention (%s) must be at least split.bus.publish.dedupe-ttl (%s)"
                            .formatted(properties.retention(), dedupeTtl));
        }
    }

    @Bean
    RunPlanner runPlanner(OrchestratorProperties properties) {
        return new RunPlanner(properties.chunkSize(), TaskIds::newId);
    }

    @Bean
    RunMessages runMessages(TaskCodec codec) {
        return new RunMessages(codec.mapper());
    }
}
