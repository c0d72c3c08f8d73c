package com.split.orchestrator.run;

import com.split.tasks.TaskType;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A task that a step fans out, as the run state keeps it: enough to publish the very same task again (same id, same
 * idempotency key) when a handler runs a second time.
 *
 * @param taskId its id, drawn once when the step begins
 * @param step the step it belongs to
 * @param chunk which chunk of the step's tickers it covers, from 0
 * @param type what it is
 * @param tickers its chunk of tickers
 */
record ChildSpec(UUID taskId, Step step, int chunk, TaskType type, List<String> tickers) {

    ChildSpec {
        tickers = List.copyOf(tickers);
    }

    /** Session, step, chunk and type: a rerun that publishes this child again publishes nothing new. */
    String idempotencyKey(String sessionId) {
        return "%s:%s:%d:%s".formatted(sessionId, step.wireName(), chunk, type.name());
    }

    String toJson(JsonMapper mapper) {
        ObjectNode json = mapper.createObjectNode()
                .put("step", step.wireName())
                .put("chunk", chunk)
                .put("type", type.name());
        tickers.forEach(json.putArray("tickers")::add);
        return mapper.writeValueAsString(json);
    }

    static ChildSpec fromJson(UUID taskId, String text, JsonMapper mapper) {
        JsonNode json = mapper.readTree(text);
        List<String> tickers =
                json.get("tickers").valueStream().map(JsonNode::asString).toList();
        return new ChildSpec(
                taskId,
                Step.of(json.get("step").asString()),
                json.get("chunk").asInt(),
                Step.taskType(json.get("type").asString()),
                tickers);
    }
}
