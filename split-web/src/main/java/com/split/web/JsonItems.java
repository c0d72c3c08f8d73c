package com.split.web;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads a posted body of one JSON item or an array of them, each validated against a JSON Schema (draft 2020-12,
 * formats asserted) and then converted; all or nothing, with every problem named by index.
 *
 * @param <T> what an item converts to
 */
public final class JsonItems<T> {

    private final String noun;
    private final Schema schema;
    private final int max;

    /**
     * @param noun names the items in problem details, plural (e.g. {@code "events"})
     * @param schemaResource the schema's classpath resource, e.g. {@code /com/split/tasks/schema/task-event-v1.json}
     * @param max the most items one request may hold, at least 1
     */
    public JsonItems(String noun, String schemaResource, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one " + noun + " per request, was " + max);
        }
        this.noun = noun;
        this.schema = load(schemaResource);
        this.max = max;
    }

    /**
     * @param convert turns a schema-valid item into its value, or throws {@link IllegalArgumentException} saying
     *     what else is wrong with it
     * @throws InvalidItemsException if the body is an empty array, or any item is invalid; then nothing is converted
     * @throws ContentTooLargeException if the body is an array of more than {@code max} items
     */
    public List<T> read(JsonNode body, Function<JsonNode, T> convert) {
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(items::add);
        } else {
            items.add(body);
        }
        if (items.isEmpty()) {
            throw new InvalidItemsException(
                    "Invalid " + noun,
                    "Expected one of the %s or an array of 1 to %d, got 0".formatted(noun, max),
                    List.of());
        }
        if (items.size() > max) {
            throw new ContentTooLargeException(
                    "A request holds at most %d %s, this one holds %d: send them in several requests"
                            .formatted(max, noun, items.size()),
                    max);
        }
        List<T> values = new ArrayList<>(items.size());
        List<InvalidItemsException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            var errors = schema.validate(
                    items.get(i), context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
            if (!errors.isEmpty()) {
                errors.forEach(error -> problems.add(new InvalidItemsException.Problem(index, error.toString())));
                continue;
            }
            try {
                values.add(convert.apply(items.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add(new InvalidItemsException.Problem(index, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidItemsException(
                    "Invalid " + noun,
                    "%d of %d %s are invalid; none was stored"
                            .formatted(
                                    problems.stream()
                                            .mapToInt(InvalidItemsException.Problem::index)
                                            .distinct()
                                            .count(),
                                    items.size(),
                                    noun),
                    problems);
        }
        return values;
    }

    private static Schema load(String resource) {
        try (InputStream in = JsonItems.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("JSON Schema " + resource + " is not on the classpath");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
