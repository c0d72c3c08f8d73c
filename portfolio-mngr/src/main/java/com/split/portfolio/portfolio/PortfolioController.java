package com.split.portfolio.portfolio;

import com.split.portfolio.Actor;
import com.split.portfolio.Page;
import com.split.portfolio.Paging;
import com.split.portfolio.UserIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portfolio API. Path variables and parameters arrive as text and are checked here or in the service, so that each
 * bad one is a 400 problem detail naming it rather than a conversion error. The caller is the authenticated principal
 * ({@link Actor}): it owns what it creates, is recorded in the history, and sees only its own portfolios unless it
 * holds {@code operator}; changes need {@code operator} (the security configuration checks roles).
 */
@RestController
@RequestMapping("/api/portfolios")
class PortfolioController {

    private final PortfolioService portfolios;

    PortfolioController(PortfolioService portfolios) {
        this.portfolios = portfolios;
    }

    @GetMapping
    @Operation(
            summary = "The portfolios of a user (userId, else the caller), with their tickers; 403 for another user's"
                    + " unless the caller holds operator")
    List<Portfolio> list(
            Authentication caller,
            @Parameter(description = "whose portfolios (default: the caller's)")
                    @RequestParam(required = false)
                    @Nullable
                    String userId) {
        Actor actor = Actor.of(caller);
        String owner = UserIds.parse("userId", userId);
        return portfolios.list(owner == null ? actor.userId() : owner, actor);
    }

    @PostMapping
    @Operation(summary = "Creates a portfolio of the caller (or of userId); 409 if its owner has one of that name")
    ResponseEntity<Portfolio> create(
            Authentication caller,
            @Parameter(description = "whose portfolio it is (default: the caller's)")
                    @RequestParam(required = false)
                    @Nullable
                    String userId,
            @RequestBody CreatePortfolioRequest request) {
        Actor actor = Actor.of(caller);
        String owner = UserIds.parse("userId", userId);
        Portfolio created = portfolios.create(owner == null ? actor.userId() : owner, actor.userId(), request);
        return ResponseEntity.created(URI.create("/api/portfolios/" + created.id()))
                .body(created);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A portfolio with its tickers; 404 unless the caller owns it or holds operator")
    Portfolio get(Authentication caller, @PathVariable String id) {
        return portfolios.get(Portfolio.parseId("id", id), Actor.of(caller));
    }

    @PostMapping("/{id}/tickers")
    @Operation(
            summary = "Adds a ticker (trimmed and upper-cased, then checked); 400 for an invalid symbol, 409 if the"
                    + " portfolio already holds it")
    ResponseEntity<Portfolio> addTicker(
            Authentication caller, @PathVariable String id, @RequestBody AddTickerRequest request) {
        long portfolioId = Portfolio.parseId("id", id);
        String actor = Actor.of(caller).userId();
        return ResponseEntity.status(HttpStatus.CREATED).body(portfolios.addTicker(portfolioId, request, actor));
    }

    @DeleteMapping("/{id}/tickers/{symbol}")
    @Operation(summary = "Removes a ticker; 404 if the portfolio does not hold it")
    Portfolio removeTicker(
            Authentication caller,
            @PathVariable String id,
            @PathVariable String symbol,
            @Parameter(description = "why, kept in the history") @RequestParam(required = false) @Nullable
                    String reason) {
        long portfolioId = Portfolio.parseId("id", id);
        return portfolios.removeTicker(
                portfolioId, symbol, reason, Actor.of(caller).userId());
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "Every change of the portfolio (who, what, why, when), newest first")
    Page<HistoryEntry> history(
            Authentication caller,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size) {
        long portfolioId = Portfolio.parseId("id", id);
        return portfolios.history(portfolioId, Paging.parse(page, size), Actor.of(caller));
    }
}
