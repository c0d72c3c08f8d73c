package com.split.events.intake;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.split.events.journal.EventsProperties;
import com.split.events.journal.PostedEvents;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEvent;
import com.split.tasks.codec.TaskCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
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
 * as the Java bus reads them. All or nothing: one invalid event rejects the request, naming each problem by index.
 */
@RestController
@RequestMapping("/api/events")
class EventController {

    static final int MAX_EVENTS = 1000;

    private static final Schema EVENT_SCHEMA = schema();

    private final TaskCodec codec;
    private final PostedEvents journal;
    private final List<QueueName> queues;

    EventController(TaskCodec codec, PostedEvents journal, EventsProperties properties) {
        this.codec = codec;
        this.journal = journal;
        this.queues = properties.queueNames();
    }

    /** @param eventIds the ids of the events journalled, in order */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Accepted(int accepted, List<UUID> eventIds) {}

    /** @param index the event's position in the request (0 for a single event) */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Invalid(int index, String message) {}

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted post(@RequestBody JsonNode body) {
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(items::add);
        } else {
            items.add(body);
        }
        if (items.isEmpty() || items.size() > MAX_EVENTS) {
            throw invalid(
                    "Expected one event or an array of 1 to %d, got %d".formatted(MAX_EVENTS, items.size()), List.of());
        }
        List<TaskEvent> events = new ArrayList<>(items.size());
        List<Invalid> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            read(i, items.get(i), events, problems);
        }
        if (!problems.isEmpty()) {
            throw invalid(
                    "%d of %d events are invalid; none was journalled".formatted(problems.size(), items.size()),
                    problems);
        }
        journal.journal(events);
        return new Accepted(
                events.size(), events.stream().map(TaskEvent::eventId).toList());
    }

    private void read(int index, JsonNode item, List<TaskEvent> events, List<Invalid> problems) {
        List<Error> errors = EVENT_SCHEMA.validate(
                item, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        if (!errors.isEmpty()) {
            errors.forEach(error -> problems.add(new Invalid(index, error.toString())));
            return;
        }
        TaskEvent event;
        try {
            event = codec.decodeEvent(item.toString());
        } catch (JacksonException e) {
            problems.add(new Invalid(index, e.getOriginalMessage()));
            return;
        }
        if (event.queue() == null) {
            problems.add(new Invalid(index, "queue is required: it says which queue's journal the event belongs to"));
        } else if (!queues.contains(event.queue())) {
            problems.add(new Invalid(
                    index, "queue '%s' is not journalled here; these are: %s".formatted(event.queue(), queues)));
        } else {
            events.add(event);
        }
    }

    private static ErrorResponseException invalid(String detail, List<Invalid> problems) {
        ErrorResponseException invalid = new ErrorResponseException(HttpStatus.BAD_REQUEST);
        invalid.setTitle("Invalid events");
        invalid.setDetail(detail);
        invalid.getBody().setProperties(Map.of("errors", problems));
        return invalid;
    }

    private static Schema schema() {
        try (InputStream in = TaskCodec.class.getResourceAsStream("/com/split/tasks/schema/task-event-v1.json")) {
            if (in == null) {
                throw new IllegalStateException("task-event-v1.json is missing from task-contracts");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
