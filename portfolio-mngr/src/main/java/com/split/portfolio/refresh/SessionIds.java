package com.split.portfolio.refresh;

import com.split.tasks.TaskIds;
import com.split.web.InvalidParameterException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Run session ids: {@code run-} and a UUIDv7, so that they sort by creation time as task ids do. */
final class SessionIds {

    private static final String PREFIX = "run-";
    private static final Pattern SESSION_ID =
            Pattern.compile("run-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private SessionIds() {}

    static String newId() {
        return PREFIX + TaskIds.newId();
    }

    /** @throws InvalidParameterException naming {@code parameter} for text that is not a run's session id */
    static String parse(String parameter, String raw) {
        String id = raw.strip().toLowerCase(Locale.ROOT);
        if (!SESSION_ID.matcher(id).matches()) {
            throw new InvalidParameterException(
                    parameter,
                    "must be a run's session id such as run-0193a5c2-7f3e-7cc1-9d2a-3f1e8a6b4c10, was '%s'"
                            .formatted(raw));
        }
        return id;
    }
}
