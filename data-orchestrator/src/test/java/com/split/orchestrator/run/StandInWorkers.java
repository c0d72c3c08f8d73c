package com.split.orchestrator.run;

import com.split.tasks.TaskType;
import com.split.tasks.bus.BusEvents;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.codec.TaskCodec;
import java.util.List;
import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Stand-ins for the other modules, as real bus workers in the test context: yahoo-gateway's {@code fetch_prices} and
 * {@code fetch_fundamentals}, init-filter's {@code initial_filter}, final-sel's {@code final_selection}, and
 * portfolio-mngr's consumer of {@code run_progress} and {@code run_completed}. They run what {@link StandIns} says; the
 * tests drive them through {@link RunBus}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(StandInWorkers.Handlers.class)
class StandInWorkers {

    static final List<TaskType> STANDING_IN_FOR = List.of(
            TaskType.FETCH_PRICES,
            TaskType.FETCH_FUNDAMENTALS,
            TaskType.INITIAL_FILTER,
            TaskType.FINAL_SELECTION,
            TaskType.RUN_PROGRESS,
            TaskType.RUN_COMPLETED);

    @Bean
    StandIns standIns() {
        return new StandIns();
    }

    @Bean
    RunBus runBus(TaskPublisher publisher, TaskCodec codec, StandIns standIns, BusRedis redis, RedisKeys keys) {
        return new RunBus(publisher, codec, standIns, new BusEvents(redis, keys, codec));
    }

    /** A handler per type, named after it ({@code standIn.fetch_prices}, ...), as a worker of that module has one. */
    static final class Handlers implements BeanRegistrar {

        @Override
        public void register(BeanRegistry registry, Environment env) {
            for (TaskType type : STANDING_IN_FOR) {
                registry.registerBean(
                        "standIn." + type.name(),
                        TaskHandler.class,
                        spec -> spec.supplier(context -> {
                            StandIns standIns = context.bean(StandIns.class);
                            return TaskHandler.of(type, (task, taskContext) -> standIns.run(type, task, taskContext));
                        }));
            }
        }
    }
}
