package com.split.events.task;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No task with this id in the journal: a 404 problem detail. */
class TaskNotFoundException extends ErrorResponseException {

    TaskNotFoundException(UUID taskId) {
        super(HttpStatus.NOT_FOUND);
        setTitle("Task not found");
        setDetail("No task with id %s".formatted(taskId));
    }
}
