package com.split.portfolio.portfolio;

import com.split.web.InvalidParameterException;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A portfolio with its tickers, in the order they were added (by symbol among those added at once).
 *
 * @param userId its owner: the user a refresh runs for
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Portfolio(
        long id, String userId, String name, List<Ticker> tickers, Instant createdAt, Instant updatedAt) {

    /** One ticker of a portfolio. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Ticker(String symbol, Instant addedAt) {}

    public List<String> symbols() {
        return tickers.stream().map(Ticker::symbol).toList();
    }

    /** A portfolio id from a path, or a 400 problem naming {@code parameter}. */
    public static long parseId(String parameter, String raw) {
        try {
            long id = Long.parseLong(raw.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // the problem below says what an id looks like
        }
        throw new InvalidParameterException(parameter, "must be a positive integer, was '%s'".formatted(raw));
    }
}
