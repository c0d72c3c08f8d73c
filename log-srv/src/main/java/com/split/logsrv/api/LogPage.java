package com.split.logsrv.api;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** One page of log records, newest first. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record LogPage(List<LogView> content, int page, int size, long totalElements, long totalPages) {

    static LogPage of(List<LogView> content, int page, int size, long total) {
        return new LogPage(content, page, size, total, (total + size - 1) / size);
    }
}
