package com.split.events.intake;

import com.split.events.journal.EventsProperties;
import com.split.events.journal.PostedEvents;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEvent;
import com.split.tasks.codec.TaskCodec;
import com.split.web.JsonItems;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Takes one event or an array of them, validated against the event schema ({@code task-event-v1.json}) and then read
 * as the Java bus reads them. All or nothing: one invalid event rejects the request, naming each problem by index. A
 * body over {@code split.events.max-request-size}, or more than {@code split.events.max-events-per-request} events, is a
 * 413 before anything is journalled.
 */
@RestController
@RequestMapping("/api/events")
class EventController {

    private final JsonItems<TaskEvent> events;
    private final TaskCodec codec;
    private final PostedEvents journal;
    private final List<QueueName> queues;

    EventController(TaskCodec codec, PostedEvents journal, EventsProperties properties) {
        this.events = new JsonItems<>(
                "events", "/com/split/tasks/schema/task-event-v1.json", properties.maxEventsPerRequest());
        this.codec = codec;
        this.journal = journal;
        this.queues = properties.queueNames();
    }

    /** @param eventIds the ids of the events journalled, in order */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Accepted(int accepted, List<UUID> eventIds) {}

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted post(@RequestBody JsonNode body) {
        List<TaskEvent> posted = events.read(body, this::event);
        journal.journal(posted);
        return new Accepted(
                posted.size(), posted.stream().map(TaskEvent::eventId).toList());
    }

    private TaskEvent event(JsonNode item) {
        TaskEvent event;
        try {
            event = codec.decodeEvent(item.toString());
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        if (event.queue() == null) {
            throw new IllegalArgumentException("queue is required: it says which queue's journal the event belongs to");
        }
        if (!queues.contains(event.queue())) {
            throw new IllegalArgumentException(
                    "queue '%s' is not journalled here; these are: %s".formatted(event.queue(), queues));
        }
        return event;
    }
}
