package com.split.tasks.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskStatus;
import com.split.tasks.codec.TaskCodec;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * Reads a queue's events stream and dead-letter list in tests, as the journal and an operator would. A test context
 * gets one injected with {@code @Import(BusEvents.class)}.
 */
public record BusEvents(BusRedis redis, RedisKeys keys, TaskCodec codec) {

    public List<TaskEvent> events(QueueName queue) {
        List<StreamMessage<String, byte[]>> entries =
                redis.await(redis.commands().xrange(keys.events(queue), Range.create("-", "+")));
        return entries.stream()
                .map(entry -> {
                    Map<String, String> fields = new LinkedHashMap<>();
                    entry.getBody()
                            .forEach((name, value) -> fields.put(name, new String(value, StandardCharsets.UTF_8)));
                    return codec.fromStreamFields(queue, fields).event();
                })
                .toList();
    }

    public Map<UUID, List<TaskEvent>> byTask(QueueName queue) {
        return events(queue).stream()
                .collect(Collectors.groupingBy(TaskEvent::taskId, LinkedHashMap::new, Collectors.toList()));
    }

    /** One task's events, in stream order. */
    public List<TaskEvent> events(QueueName queue, UUID taskId) {
        return byTask(queue).getOrDefault(taskId, List.of());
    }

    /** Waits for the event that ends the task (a terminal status) and returns it. */
    public TaskEvent awaitEnding(QueueName queue, UUID taskId, Duration patience) {
        return Awaitility.await()
                .atMost(patience)
                .until(
                        () -> events(queue, taskId).stream()
                                .filter(event -> event.eventType()
                                        .status()
                                        .filter(TaskStatus::isTerminal)
                                        .isPresent())
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** The details of the task's {@code task_business_result}, asserting it reported exactly one. */
    public JsonNode businessResult(QueueName queue, UUID taskId) {
        List<TaskEvent> results = events(queue, taskId).stream()
                .filter(event -> event.eventType() == EventType.TASK_BUSINESS_RESULT)
                .toList();
        assertThat(results).hasSize(1);
        return results.getFirst().details();
    }

    /** The tasks on the queue with an event of this type. */
    public Set<UUID> tasksWith(QueueName queue, EventType type) {
        return events(queue).stream()
                .filter(event -> event.eventType() == type)
                .map(TaskEvent::taskId)
                .collect(Collectors.toSet());
    }

    public long count(QueueName queue, EventType type) {
        return events(queue).stream().filter(event -> event.eventType() == type).count();
    }

    public List<DeadLetter> deadLetters(QueueName queue) {
        return redis.await(redis.commands().lrange(keys.dead(queue), 0, -1)).stream()
                .map(json -> DeadLetter.fromJson(codec.mapper(), json))
                .toList();
    }

    /** The envelopes waiting on a queue's ready lists, as claims would take them with none waiting past the ratio. */
    public List<TaskEnvelope> ready(QueueName queue) {
        return keys.readyLists(queue).stream()
                .flatMap(list -> redis.await(redis.commands().lrange(list, 0, -1)).reversed().stream())
                .map(codec::decode)
                .toList();
    }

    public long length(String listKey) {
        return redis.await(redis.commands().llen(listKey));
    }
}
