package com.split.portfolio.refresh;

import com.split.tasks.Symbols;
import com.split.tasks.bus.worker.PermanentTaskFailure;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the payloads of the run messages. A payload that breaks the contract is a {@link PermanentTaskFailure}
 * naming what is wrong: no retry can repair it, and its dead letter says why.
 */
final class Payloads {

    private Payloads() {}

    static <T> T read(JsonMapper mapper, String taskType, JsonNode payload, Class<T> type) {
        try {
            return mapper.treeToValue(payload, type);
        } catch (JacksonException e) {
            throw invalid(taskType, e.getOriginalMessage());
        }
    }

    static <T> T require(String taskType, @Nullable T value, String field) {
        if (value == null) {
            throw invalid(taskType, field + " is required");
        }
        return value;
    }

    static int count(String taskType, @Nullable Integer value, String field) {
        if (require(taskType, value, field) < 0) {
            throw invalid(taskType, "%s must not be negative, was %d".formatted(field, value));
        }
        return value;
    }

    static long portfolioId(String taskType, @Nullable Long value) {
        if (require(taskType, value, "portfolio_id") < 1) {
            throw invalid(taskType, "portfolio_id must be positive, was " + value);
        }
        return value;
    }

    static List<Dropped> dropped(String taskType, @Nullable List<Dropped> dropped) {
        List<Dropped> checked = new ArrayList<>();
        for (Dropped entry : dropped == null ? List.<Dropped>of() : dropped) {
            if (entry == null || entry.ticker() == null || !Symbols.isValid(entry.ticker())) {
                throw invalid(taskType, "dropped holds an entry without a valid ticker: " + entry);
            }
            checked.add(new Dropped(entry.ticker(), clip(entry.reason() == null ? "" : entry.reason(), 500)));
        }
        return List.copyOf(checked);
    }

    static @Nullable String clip(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static PermanentTaskFailure invalid(String taskType, String problem) {
        return new PermanentTaskFailure("invalid %s payload: %s".formatted(taskType, problem));
    }
}
