package com.split.orchestrator.run;

import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.TaskHandler;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Stand-ins for the other modules, as real bus workers in the test context: yahoo-gateway's {@code fetch_prices} and
 * {@code fetch_fundamentals}, init-filter's {@code initial_filter}, final-sel's {@code final_selection}, and
 * portfolio-mngr's consumer of {@code run_progress} and {@code run_completed}. They run what {@link StandIns} says.
 */
@TestConfiguration(proxyBeanMethods = false)
class StandInWorkers {

    @Bean
    StandIns standIns() {
        return new StandIns();
    }

    @Bean
    TaskHandler fetchPricesStandIn(StandIns standIns) {
        return standIn(TaskType.FETCH_PRICES, standIns);
    }

    @Bean
    TaskHandler fetchFundamentalsStandIn(StandIns standIns) {
        return standIn(TaskType.FETCH_FUNDAMENTALS, standIns);
    }

    @Bean
    TaskHandler initialFilterStandIn(StandIns standIns) {
        return standIn(TaskType.INITIAL_FILTER, standIns);
    }

    @Bean
    TaskHandler finalSelectionStandIn(StandIns standIns) {
        return standIn(TaskType.FINAL_SELECTION, standIns);
    }

    @Bean
    TaskHandler runProgressStandIn(StandIns standIns) {
        return standIn(TaskType.RUN_PROGRESS, standIns);
    }

    @Bean
    TaskHandler runCompletedStandIn(StandIns standIns) {
        return standIn(TaskType.RUN_COMPLETED, standIns);
    }

    private static TaskHandler standIn(TaskType type, StandIns standIns) {
        return TaskHandler.of(type, (task, context) -> standIns.run(type, task, context));
    }
}
