package com.split.portfolio;

import com.split.tasks.TaskEnvelope;
import com.split.web.InvalidParameterException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * User ids as requests carry them. The acting user is header {@value #HEADER}, {@value TaskEnvelope#DEFAULT_USER}
 * when absent: it names who made a change in the portfolio history and who asked for a run. It is an attribution,
 * not an authentication.
 */
public final class UserIds {

    public static final String HEADER = "X-User-Id";

    /** What a user id may hold: it travels in envelopes, log records and history rows. */
    public static final String PATTERN = "[A-Za-z0-9_.@-]{1,64}";

    private static final Pattern USER_ID = Pattern.compile(PATTERN);

    private UserIds() {}

    /** The acting user of a request, from its {@value #HEADER} header. */
    public static String acting(@Nullable String header) {
        String userId = parse(HEADER, header);
        return userId == null ? TaskEnvelope.DEFAULT_USER : userId;
    }

    /**
     * @return the user id, or null when {@code raw} is absent or blank
     * @throws InvalidParameterException naming {@code parameter}, for a user id that does not match {@link #PATTERN}
     */
    public static @Nullable String parse(String parameter, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String userId = raw.strip();
        if (!USER_ID.matcher(userId).matches()) {
            throw new InvalidParameterException(
                    parameter, "must be 1 to 64 letters, digits or _ . @ -, was '%s'".formatted(raw));
        }
        return userId;
    }
}
