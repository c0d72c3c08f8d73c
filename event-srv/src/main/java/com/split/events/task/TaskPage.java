package com.split.events.task;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** One page of tasks, newest first. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TaskPage(List<TaskSummary> content, int page, int size, long totalElements, long totalPages) {

    static TaskPage of(List<TaskSummary> content, int page, int size, long total) {
        return new TaskPage(content, page, size, total, (total + size - 1) / size);
    }
}
