package com.split.web.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a caller may do. {@code operator} implies {@code viewer}: who may change a thing may see it. {@code ingest} is
 * for machine clients that write the journal and the logs, and implies nothing else.
 */
public enum SplitRole {
    /** Every GET of the APIs and the pages. */
    VIEWER,
    /** Portfolio changes, refresh, cancel, replay, requeue, reconcile. */
    OPERATOR,
    /** {@code POST /api/events}, {@code POST /api/logs}. */
    INGEST;

    /** As configuration, JWT claims and {@code hasRole} name it. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + roleName());
    }

    /** @throws IllegalArgumentException naming {@code property} and the roles there are */
    static SplitRole parse(String property, String raw) {
        String role = raw.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(candidate -> candidate.roleName().equals(role))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("%s: unknown role '%s', the roles are %s"
                        .formatted(
                                property,
                                raw,
                                Arrays.stream(values()).map(SplitRole::roleName).collect(Collectors.joining(", ")))));
    }
}
