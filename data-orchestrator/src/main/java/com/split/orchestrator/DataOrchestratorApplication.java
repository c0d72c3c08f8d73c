package com.split.orchestrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * data-orchestrator: runs {@code refresh} runs from {@code orchestrator_tasks} through fetch, filter, select and
 * notify. Keeps no run in memory: every run's state is in Redis, so any instance carries on any run.
 */
@SpringBootApplication
public class DataOrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(DataOrchestratorApplication.class, args);
    }
}
