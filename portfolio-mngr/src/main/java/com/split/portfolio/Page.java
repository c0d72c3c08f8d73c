package com.split.portfolio;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** One page of a list, newest first. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Page<T>(List<T> content, int page, int size, long totalElements, long totalPages) {

    public static <T> Page<T> of(List<T> content, Paging paging, long total) {
        return new Page<>(content, paging.page(), paging.size(), total, (total + paging.size() - 1) / paging.size());
    }
}
