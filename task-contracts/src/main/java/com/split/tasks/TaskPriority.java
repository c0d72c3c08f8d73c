package com.split.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * How soon a task is claimed among the tasks waiting on its queue: the envelope's {@code priority}. Each level waits
 * on a list of its own and workers take from the highest level that has tasks, oldest first within a level, except
 * that a lower level passed over {@code split.bus.worker.priority-ratio} times in a row while it waited gets the next
 * turn.
 *
 * <p>On the wire a level is its lower-case name; {@code normal} is not written. A level this version does not know
 * (a newer publisher's) reads as {@code normal}, so that an envelope never fails to decode for its priority.
 */
public enum TaskPriority {
    // highest first: the order of the ready lists in the scripts' KEYS
    HIGH,
    NORMAL,
    LOW;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a level from the wire: a string, as the schema says. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TaskPriority fromWire(JsonNode value) {
        if (!value.isString()) {
            throw new IllegalArgumentException("priority must be a string, was " + value);
        }
        return of(value.asString());
    }

    /** The level of a wire name; one this version does not know is {@link #NORMAL}. */
    public static TaskPriority of(String wireName) {
        for (TaskPriority priority : values()) {
            if (priority.wireName().equals(wireName)) {
                return priority;
            }
        }
        return NORMAL;
    }

    /** For {@code @JsonInclude}: {@code normal}, the level of an envelope without one, is left out. */
    static final class OmitNormal {
        @Override
        public boolean equals(Object value) {
            return value == NORMAL;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
