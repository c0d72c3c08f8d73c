package com.split.tasks;

/**
 * Who published a task: the module and the instance of it.
 *
 * @param module a module name such as {@code data-orchestrator}
 * @param instance the publishing instance, for tracing a task to a process
 */
public record Initiator(String module, String instance) {

    public Initiator {
        requireText(module, "initiator.module");
        requireText(instance, "initiator.instance");
    }

    static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
