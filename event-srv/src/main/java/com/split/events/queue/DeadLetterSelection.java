package com.split.events.queue;

import com.split.tasks.bus.QueueInspector.DeadLetterEntry;
import com.split.web.InvalidParameterException;
import com.split.web.Parameters;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Which dead letters a requeue or a delete takes: the given tasks, all of them, or those a filter matches (a task type,
 * a piece of the reason, or both). One of the three, so that "all" is never what an empty body means.
 *
 * @param reason a case-insensitive substring of the dead letter's reason
 * @param preview only count what the selection takes; change nothing
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record DeadLetterSelection(
        @Nullable List<String> taskIds,
        @Nullable Boolean all,
        @Nullable String taskType,
        @Nullable String reason,
        @Nullable Boolean preview) {

    boolean isPreview() {
        return Boolean.TRUE.equals(preview);
    }

    /** @throws InvalidParameterException unless exactly one kind of selection is given */
    Predicate<DeadLetterEntry> matcher() {
        boolean all = Boolean.TRUE.equals(this.all);
        boolean filtered = hasText(taskType) || hasText(reason);
        int kinds = (all ? 1 : 0) + (taskIds != null ? 1 : 0) + (filtered ? 1 : 0);
        if (kinds != 1) {
            throw new InvalidParameterException(
                    "task_ids",
                    "or \"all\": true, or a filter (\"task_type\", \"reason\") is required, exactly one of them: name"
                            + " the tasks, ask for all, or filter");
        }
        if (all) {
            return entry -> true;
        }
        if (taskIds != null) {
            Set<UUID> ids = taskIds(taskIds);
            return entry -> entry.taskId() != null && ids.contains(entry.taskId());
        }
        String type = hasText(taskType) ? taskType.strip() : null;
        String part = hasText(reason) ? reason.strip().toLowerCase(Locale.ROOT) : null;
        return entry -> (type == null
                        || (entry.task() != null && type.equals(entry.task().taskType())))
                && (part == null
                        || (entry.letter() != null
                                && entry.letter()
                                        .reason()
                                        .toLowerCase(Locale.ROOT)
                                        .contains(part)));
    }

    /** What was asked, for the journal: the filter, "all", or how many tasks were named. */
    String describe() {
        if (Boolean.TRUE.equals(all)) {
            return "all";
        }
        if (taskIds != null) {
            return taskIds.size() + " named tasks";
        }
        StringBuilder filter = new StringBuilder();
        if (hasText(taskType)) {
            filter.append("task_type=").append(taskType.strip());
        }
        if (hasText(reason)) {
            filter.append(filter.isEmpty() ? "" : "&").append("reason~").append(reason.strip());
        }
        return filter.toString();
    }

    /** The tasks named, or none when the selection does not name them. */
    Set<UUID> named() {
        return taskIds == null ? Set.of() : taskIds(taskIds);
    }

    private static boolean hasText(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    private static Set<UUID> taskIds(List<String> raw) {
        if (raw.isEmpty()) {
            throw new InvalidParameterException("task_ids", "must name at least one task");
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String id = raw.get(i);
            if (id == null) {
                throw new InvalidParameterException("task_ids[%d]".formatted(i), "must be a UUID, was null");
            }
            ids.add(Parameters.taskId("task_ids[%d]".formatted(i), id));
        }
        return ids;
    }
}
