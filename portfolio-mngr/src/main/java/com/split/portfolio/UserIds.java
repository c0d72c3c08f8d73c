package com.split.portfolio;

import com.split.web.InvalidParameterException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** User ids as requests carry them: they name portfolio owners, and who made a change or asked for a run. */
public final class UserIds {

    /** What a user id may hold: it travels in envelopes, log records and history rows. */
    public static final String PATTERN = "[A-Za-z0-9_.@-]{1,64}";

    private static final Pattern USER_ID = Pattern.compile(PATTERN);

    private UserIds() {}

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
