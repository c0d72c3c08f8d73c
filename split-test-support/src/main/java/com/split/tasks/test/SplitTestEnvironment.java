package com.split.tasks.test;

import java.util.UUID;

/**
 * What one test application context owns on the shared servers: a Redis key prefix and a MySQL schema, both unique to
 * the context so parallel and cached contexts never see each other's data.
 *
 * <p>{@code split.bus.key-prefix} is set to {@link #keyPrefix()}. The schema exists only in a context that imports
 * {@link SplitTestMysql} (directly or through {@link SplitTestInfrastructure}) and uses its DataSource; it is created
 * when the JDBC connection details are first needed and dropped when the context closes.
 *
 * @param keyPrefix first segment of every Redis key the context writes: {@code test-<uuid>}
 * @param schema the throwaway MySQL schema the context's JDBC URL points at: {@code split_test_<12 hex digits>}
 */
public record SplitTestEnvironment(String keyPrefix, String schema) {

    public SplitTestEnvironment {
        if (!schema.matches("[a-z0-9_]{1,64}")) {
            // the name is spliced into CREATE/DROP DATABASE, so it must never need quoting
            throw new IllegalArgumentException("Schema name must be [a-z0-9_]{1,64}: " + schema);
        }
    }

    static SplitTestEnvironment random() {
        UUID id = UUID.randomUUID();
        return new SplitTestEnvironment(
                "test-" + id, "split_test_" + id.toString().replace("-", "").substring(0, 12));
    }
}
