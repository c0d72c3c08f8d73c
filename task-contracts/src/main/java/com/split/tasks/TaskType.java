package com.split.tasks;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A kind of task and where it goes: the routing table of the bus. A publisher needs no queue argument because the
 * task type knows its queue and the module that runs it.
 *
 * @param name the wire name, {@code task_type} in the envelope
 * @param queue the queue its tasks are published to
 * @param targetModule the module whose workers handle it
 */
public record TaskType(String name, QueueName queue, String targetModule) {

    public static final TaskType REFRESH = new TaskType("refresh", QueueName.ORCHESTRATOR_TASKS, "data-orchestrator");
    public static final TaskType FETCH_PRICES = new TaskType("fetch_prices", QueueName.YAHOO_TASKS, "yahoo-gateway");
    public static final TaskType FETCH_FUNDAMENTALS =
            new TaskType("fetch_fundamentals", QueueName.YAHOO_TASKS, "yahoo-gateway");
    public static final TaskType INITIAL_FILTER =
            new TaskType("initial_filter", QueueName.INIT_FILTER_TASKS, "init-filter");
    public static final TaskType FINAL_SELECTION =
            new TaskType("final_selection", QueueName.FINAL_SEL_TASKS, "final-sel");
    public static final TaskType RUN_COMPLETED =
            new TaskType("run_completed", QueueName.PORTFOLIO_TASKS, "portfolio-mngr");
    public static final TaskType RUN_PROGRESS =
            new TaskType("run_progress", QueueName.PORTFOLIO_TASKS, "portfolio-mngr");
    /** A portfolio's daily refresh, published by its schedule: portfolio-mngr starts the run as its owner would. */
    public static final TaskType SCHEDULED_REFRESH =
            new TaskType("scheduled_refresh", QueueName.PORTFOLIO_TASKS, "portfolio-mngr");

    /** The wire name of the notice a worker sends to a task's {@code reply_to} queue when the task ends. */
    public static final String TASK_FINISHED_NAME = "task_finished";

    /** The orchestrator's own: its children reply to {@code orchestrator_tasks}. */
    public static final TaskType TASK_FINISHED = taskFinished(QueueName.ORCHESTRATOR_TASKS, "data-orchestrator");

    /** SPLit's own task types, by name: those that a schedule or a tool may name without their queue and module. */
    private static final Map<String, TaskType> BUILT_IN = Stream.of(
                    REFRESH,
                    FETCH_PRICES,
                    FETCH_FUNDAMENTALS,
                    INITIAL_FILTER,
                    FINAL_SELECTION,
                    RUN_COMPLETED,
                    RUN_PROGRESS,
                    SCHEDULED_REFRESH)
            .collect(Collectors.toUnmodifiableMap(TaskType::name, Function.identity()));

    public TaskType {
        Initiator.requireText(name, "task type name");
        Initiator.requireText(targetModule, "task type target module");
        if (queue == null) {
            throw new IllegalArgumentException("task type " + name + " needs a queue");
        }
    }

    /** The {@code task_finished} notice delivered to {@code replyTo}, for the module that consumes that queue. */
    public static TaskType taskFinished(QueueName replyTo, String targetModule) {
        return new TaskType(TASK_FINISHED_NAME, replyTo, targetModule);
    }

    /** One of SPLit's own task types; {@code task_finished}, whose queue is its parent's, is not among them. */
    public static Optional<TaskType> builtIn(String name) {
        return Optional.ofNullable(BUILT_IN.get(name));
    }

    @Override
    public String toString() {
        return name;
    }
}
