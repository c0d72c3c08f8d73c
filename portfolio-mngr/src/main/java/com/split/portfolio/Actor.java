package com.split.portfolio;

import com.split.web.security.SplitRole;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;

/**
 * The authenticated caller, as the portfolio API sees it: its name is the acting user recorded in the history and on
 * runs, and owns the portfolios it creates. A caller sees only its own portfolios and runs, unless it holds
 * {@code operator}.
 *
 * @param userId the principal's name
 * @param operator whether it may see and change every user's portfolios
 */
public record Actor(String userId, boolean operator) {

    private static final Pattern USER_ID = Pattern.compile(UserIds.PATTERN);

    /** @throws ErrorResponseException 403 for a principal whose name cannot be a user id (a JWT's odd subject) */
    public static Actor of(Authentication authentication) {
        String name = authentication.getName();
        if (!USER_ID.matcher(name).matches()) {
            ErrorResponseException refused = new ErrorResponseException(HttpStatus.FORBIDDEN);
            refused.setTitle("Not a user id");
            refused.setDetail("The caller's name must be 1 to 64 letters, digits or _ . @ - to own portfolios");
            throw refused;
        }
        boolean operator = authentication.getAuthorities().contains(SplitRole.OPERATOR.authority());
        return new Actor(name, operator);
    }

    /** Whether the caller may see what {@code owner} owns. */
    public boolean sees(String owner) {
        return operator || userId.equals(owner);
    }
}
