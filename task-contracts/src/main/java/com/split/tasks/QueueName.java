package com.split.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A queue of the bus. Queue names become part of Redis keys inside a {@code {…}} hash tag, so they are restricted to
 * lower-case letters, digits and underscores.
 *
 * @param value the name, such as {@code yahoo_tasks}
 */
public record QueueName(@JsonValue String value) {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public static final QueueName ORCHESTRATOR_TASKS = new QueueName("orchestrator_tasks");
    public static final QueueName YAHOO_TASKS = new QueueName("yahoo_tasks");
    public static final QueueName INIT_FILTER_TASKS = new QueueName("init_filter_tasks");
    public static final QueueName FINAL_SEL_TASKS = new QueueName("final_sel_tasks");
    public static final QueueName PORTFOLIO_TASKS = new QueueName("portfolio_tasks");

    public QueueName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "queue name '%s' must match %s (lower-case letters, digits, underscores)".formatted(value, VALID));
        }
    }

    @JsonCreator
    public static QueueName of(String value) {
        return new QueueName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
