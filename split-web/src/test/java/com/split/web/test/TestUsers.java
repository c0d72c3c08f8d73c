package com.split.web.test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The users of {@code split-security-test.properties}, which a service's tests import, with their passwords. */
public enum TestUsers {
    /** All three roles, the owner of the seeded portfolio. */
    ADMIN("user_zero", "user_zero-test"),
    VIEWER("viewer", "viewer-test"),
    OPERATOR("operator", "operator-test"),
    INGEST("ingest", "ingest-test");

    /** The bearer token of the machine client {@code shipper} (role ingest). */
    public static final String INGEST_TOKEN = "ingest-token-test";

    private final String user;
    private final String password;

    TestUsers(String user, String password) {
        this.user = user;
        this.password = password;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The {@code Authorization} header's value for HTTP Basic. */
    public String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
