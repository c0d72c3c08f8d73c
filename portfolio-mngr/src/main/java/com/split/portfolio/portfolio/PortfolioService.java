package com.split.portfolio.portfolio;

import com.split.portfolio.Actor;
import com.split.portfolio.InvalidFieldException;
import com.split.portfolio.Page;
import com.split.portfolio.Paging;
import com.split.portfolio.config.PortfolioProperties;
import com.split.tasks.Symbols;
import com.split.web.ConflictException;
import com.split.web.InvalidParameterException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Portfolios and their tickers. Every change is recorded in the portfolio's history with who made it and why, in the
 * same transaction as the change itself.
 */
@Service
public class PortfolioService {

    static final int MAX_NAME = 100;
    static final int MAX_REASON = 500;

    private static final Logger log = LoggerFactory.getLogger(PortfolioService.class);

    private final PortfolioRepository portfolios;
    private final Clock clock;
    private final int maxTickers;

    PortfolioService(PortfolioRepository portfolios, Clock clock, PortfolioProperties properties) {
        this.portfolios = portfolios;
        this.clock = clock;
        this.maxTickers = properties.maxTickers();
    }

    /** @throws ErrorResponseException 403 for another user's portfolios, unless the caller holds operator */
    List<Portfolio> list(String owner, Actor actor) {
        if (!actor.sees(owner)) {
            ErrorResponseException refused = new ErrorResponseException(HttpStatus.FORBIDDEN);
            refused.setTitle("Not your portfolios");
            refused.setDetail("%s may list only its own portfolios; listing %s's needs the role operator"
                    .formatted(actor.userId(), owner));
            throw refused;
        }
        return portfolios.byOwner(owner);
    }

    /** @throws PortfolioNotFoundException if there is no such portfolio, or the caller may not see it */
    Portfolio get(long id, Actor actor) {
        return portfolios
                .find(id)
                .filter(found -> actor.sees(found.userId()))
                .orElseThrow(() -> new PortfolioNotFoundException(id));
    }

    /**
     * @throws PortfolioNotFoundException if there is no such portfolio, or the caller may not see it: another user's
     *     portfolio is not found rather than forbidden, so that its existence is not told either
     */
    public void requireVisible(long id, Actor actor) {
        get(id, actor);
    }

    /** @throws PortfolioNotFoundException as {@link #requireVisible} */
    public String ownerIfVisible(long id, Actor actor) {
        return get(id, actor).userId();
    }

    /**
     * The portfolio, locked until the caller's transaction ends: its tickers cannot change meanwhile, and another
     * caller of this method waits, on any instance.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Portfolio lockForRefresh(long id) {
        return locked(id);
    }

    /** A portfolio of {@code owner}, created by {@code actor}: the history records who made it. */
    @Transactional
    Portfolio create(String owner, String actor, CreatePortfolioRequest request) {
        String name = name(request.name());
        String reason = reason(request.reason());
        Set<String> tickers = new LinkedHashSet<>();
        List<String> requested = request.tickers() == null ? List.of() : request.tickers();
        for (int i = 0; i < requested.size(); i++) {
            tickers.add(symbol("tickers[" + i + "]", requested.get(i)));
        }
        if (tickers.size() > maxTickers) {
            throw new InvalidFieldException(
                    "tickers",
                    "A portfolio holds at most %d tickers, %d were given".formatted(maxTickers, tickers.size()));
        }
        Instant now = clock.instant();
        long id;
        try {
            id = portfolios.insert(owner, name, now);
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "Portfolio name taken", "%s already has a portfolio named '%s'".formatted(owner, name));
        }
        portfolios.appendHistory(id, actor, HistoryEntry.CREATED, null, reason, now);
        for (String symbol : tickers) {
            portfolios.insertTicker(id, symbol, now);
            portfolios.appendHistory(id, actor, HistoryEntry.ADDED, symbol, reason, now);
        }
        log.info("{} created portfolio {} '{}' of {} with {} tickers", actor, id, name, owner, tickers.size());
        return current(id);
    }

    /**
     * Creates the seed portfolio unless its owner already has one of that name: a restart, or another instance that
     * started at the same time, finds the unique key taken and adds nothing.
     *
     * @return whether it was created now
     */
    @Transactional
    boolean seed(PortfolioProperties.Seed seed) {
        Instant now = clock.instant();
        long id;
        try {
            id = portfolios.insert(seed.userId(), seed.name(), now);
        } catch (DuplicateKeyException e) {
            return false;
        }
        String reason = "default portfolio, created at first start";
        portfolios.appendHistory(id, seed.userId(), HistoryEntry.CREATED, null, reason, now);
        for (String symbol : new LinkedHashSet<>(seed.tickers())) {
            portfolios.insertTicker(id, symbol, now);
            portfolios.appendHistory(id, seed.userId(), HistoryEntry.ADDED, symbol, reason, now);
        }
        log.info("Created the default portfolio {} of {} with {}", id, seed.userId(), seed.tickers());
        return true;
    }

    /**
     * @throws ConflictException if the portfolio already holds the ticker (nothing is recorded), or is full
     */
    @Transactional
    Portfolio addTicker(long id, AddTickerRequest request, String userId) {
        String symbol = symbol("symbol", request.symbol());
        String reason = reason(request.reason());
        Portfolio portfolio = locked(id);
        if (portfolio.symbols().contains(symbol)) {
            throw new ConflictException(
                    "Ticker already in portfolio",
                    "%s is already in portfolio '%s'".formatted(symbol, portfolio.name()));
        }
        if (portfolio.tickers().size() >= maxTickers) {
            throw new ConflictException(
                    "Portfolio full",
                    "Portfolio '%s' already holds %d tickers, the most allowed"
                            .formatted(portfolio.name(), maxTickers));
        }
        Instant now = clock.instant();
        portfolios.insertTicker(id, symbol, now);
        portfolios.touch(id, now);
        portfolios.appendHistory(id, userId, HistoryEntry.ADDED, symbol, reason, now);
        log.info("{} added {} to portfolio {}", userId, symbol, id);
        return current(id);
    }

    /** @throws TickerNotFoundException if the portfolio does not hold the ticker */
    @Transactional
    Portfolio removeTicker(long id, String rawSymbol, @Nullable String rawReason, String userId) {
        String symbol = Symbols.normalize(rawSymbol);
        if (!Symbols.isValid(symbol)) {
            throw new InvalidParameterException("symbol", notASymbol(rawSymbol));
        }
        String reason = reasonParameter(rawReason);
        locked(id);
        if (!portfolios.deleteTicker(id, symbol)) {
            throw new TickerNotFoundException(id, symbol);
        }
        Instant now = clock.instant();
        portfolios.touch(id, now);
        portfolios.appendHistory(id, userId, HistoryEntry.REMOVED, symbol, reason, now);
        log.info("{} removed {} from portfolio {}", userId, symbol, id);
        return current(id);
    }

    Page<HistoryEntry> history(long id, Paging paging, Actor actor) {
        requireVisible(id, actor);
        return Page.of(portfolios.history(id, paging), paging, portfolios.countHistory(id));
    }

    private Portfolio current(long id) {
        return portfolios.find(id).orElseThrow(() -> new PortfolioNotFoundException(id));
    }

    private Portfolio locked(long id) {
        return portfolios.lock(id).orElseThrow(() -> new PortfolioNotFoundException(id));
    }

    private static String symbol(String field, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidFieldException(field, "Enter a ticker symbol, such as AAPL");
        }
        String symbol = Symbols.normalize(raw);
        if (!Symbols.isValid(symbol)) {
            throw new InvalidFieldException(field, notASymbol(raw));
        }
        return symbol;
    }

    private static String notASymbol(String raw) {
        return ("'%s' is not a ticker symbol: use up to %d letters and digits, optionally joined by . - or ="
                        + " (AAPL, BRK-B, 7203.T, ^GSPC)")
                .formatted(raw, Symbols.MAX_LENGTH);
    }

    private static String name(@Nullable String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw new InvalidFieldException("name", "Give the portfolio a name");
        }
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException(
                    "name",
                    "A portfolio name is at most %d characters, without control characters".formatted(MAX_NAME));
        }
        return name;
    }

    private static @Nullable String reason(@Nullable String raw) {
        if (raw != null && raw.strip().length() > MAX_REASON) {
            throw new InvalidFieldException("reason", "A reason is at most %d characters".formatted(MAX_REASON));
        }
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    private static @Nullable String reasonParameter(@Nullable String raw) {
        if (raw != null && raw.strip().length() > MAX_REASON) {
            throw new InvalidParameterException("reason", "must be at most %d characters".formatted(MAX_REASON));
        }
        return raw == null || raw.isBlank() ? null : raw.strip();
    }
}
