package com.split.events.queue;

import com.split.tasks.QueueName;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A queue this event-srv does not serve: a 404 problem detail listing those it does. */
class QueueNotFoundException extends ErrorResponseException {

    QueueNotFoundException(QueueName queue, List<QueueName> known) {
        super(HttpStatus.NOT_FOUND);
        setTitle("Queue not found");
        setDetail("Queue '%s' is not one of the queues served here: %s".formatted(queue, known));
    }
}
