package com.split.portfolio.refresh;

import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.TaskHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two task types of {@code portfolio_tasks}, which the orchestrator sends about each run. */
@Configuration(proxyBeanMethods = false)
class RunMessageHandlers {

    @Bean
    TaskHandler runProgressHandler(RunUpdates updates) {
        return TaskHandler.of(TaskType.RUN_PROGRESS, (task, context) -> updates.progress(task));
    }

    @Bean
    TaskHandler runCompletedHandler(RunUpdates updates) {
        return TaskHandler.of(TaskType.RUN_COMPLETED, (task, context) -> updates.completed(task));
    }
}
