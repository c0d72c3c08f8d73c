package com.split.tasks.bus.worker;

/** A failure no retry can fix (unknown ticker, bad payload): the task is dead-lettered at once. */
public class PermanentTaskFailure extends RuntimeException {

    public PermanentTaskFailure(String message) {
        super(message);
    }

    public PermanentTaskFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
