package com.split.web.security;

import java.util.List;

/**
 * The paths of a service that machine clients POST to, which the {@code ingest} role opens (and only it). A service
 * that has some declares this as a bean; every other unsafe request needs {@code operator}.
 *
 * @param postPaths path patterns, as {@code PathPatternRequestMatcher} reads them
 */
public record IngestEndpoints(List<String> postPaths) {

    public IngestEndpoints(String... postPaths) {
        this(List.of(postPaths));
    }
}
