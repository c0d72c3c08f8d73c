package com.split.orchestrator.run;

import com.split.tasks.TaskType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The steps of a run, in their order, and the task types each one fans out. */
enum Step {
    FETCH("fetch", List.of(TaskType.FETCH_PRICES, TaskType.FETCH_FUNDAMENTALS)),
    FILTER("filter", List.of(TaskType.INITIAL_FILTER)),
    SELECT("select", List.of(TaskType.FINAL_SELECTION));

    private final String wireName;
    private final List<TaskType> taskTypes;

    Step(String wireName, List<TaskType> taskTypes) {
        this.wireName = wireName;
        this.taskTypes = taskTypes;
    }

    /** The name in the run state and in {@code run_progress}: {@code fetch}, {@code filter}, {@code select}. */
    String wireName() {
        return wireName;
    }

    /** The tasks each chunk of the step's tickers gets, one of each type, in this order. */
    List<TaskType> taskTypes() {
        return taskTypes;
    }

    @Nullable
    Step previous() {
        return ordinal() == 0 ? null : values()[ordinal() - 1];
    }

    static Step of(String wireName) {
        for (Step step : values()) {
            if (step.wireName.equals(wireName)) {
                return step;
            }
        }
        throw new IllegalArgumentException("unknown step '" + wireName + "'");
    }

    /** The child task type of this name, of whichever step. */
    static TaskType taskType(String name) {
        for (Step step : values()) {
            for (TaskType type : step.taskTypes) {
                if (type.name().equals(name)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("no step runs tasks of type '" + name + "'");
    }
}
