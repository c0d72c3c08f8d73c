package com.split.portfolio.portfolio;

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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portfolio API. Path variables and parameters arrive as text and are checked here or in the service, so that each
 * bad one is a 400 problem detail naming it rather than a conversion error.
 */
@RestController
@RequestMapping("/api/portfolios")
class PortfolioController {

    private static final String USER_HEADER_DOC = "the acting user, recorded in the history (default user_zero)";

    private final PortfolioService portfolios;

    PortfolioController(PortfolioService portfolios) {
        this.portfolios = portfolios;
    }

    @GetMapping
    @Operation(summary = "The portfolios of a user (userId, else the acting user), with their tickers")
    List<Portfolio> list(
            @Parameter(description = USER_HEADER_DOC) @RequestHeader(name = UserIds.HEADER, required = false) @Nullable
                    String user,
            @RequestParam(required = false) @Nullable String userId) {
        String owner = UserIds.parse("userId", userId);
        return portfolios.list(owner == null ? UserIds.acting(user) : owner);
    }

    @PostMapping
    @Operation(summary = "Creates a portfolio of the acting user; 409 if the user has one of that name")
    ResponseEntity<Portfolio> create(
            @Parameter(description = USER_HEADER_DOC) @RequestHeader(name = UserIds.HEADER, required = false) @Nullable
                    String user,
            @RequestBody CreatePortfolioRequest request) {
        Portfolio created = portfolios.create(UserIds.acting(user), request);
        return ResponseEntity.created(URI.create("/api/portfolios/" + created.id()))
                .body(created);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A portfolio with its tickers")
    Portfolio get(@PathVariable String id) {
        return portfolios.get(Portfolio.parseId("id", id));
    }

    @PostMapping("/{id}/tickers")
    @Operation(
            summary = "Adds a ticker (trimmed and upper-cased, then checked); 400 for an invalid symbol, 409 if the"
                    + " portfolio already holds it")
    ResponseEntity<Portfolio> addTicker(
            @Parameter(description = USER_HEADER_DOC) @RequestHeader(name = UserIds.HEADER, required = false) @Nullable
                    String user,
            @PathVariable String id,
            @RequestBody AddTickerRequest request) {
        long portfolioId = Portfolio.parseId("id", id);
        String actor = UserIds.acting(user);
        return ResponseEntity.status(HttpStatus.CREATED).body(portfolios.addTicker(portfolioId, request, actor));
    }

    @DeleteMapping("/{id}/tickers/{symbol}")
    @Operation(summary = "Removes a ticker; 404 if the portfolio does not hold it")
    Portfolio removeTicker(
            @Parameter(description = USER_HEADER_DOC) @RequestHeader(name = UserIds.HEADER, required = false) @Nullable
                    String user,
            @PathVariable String id,
            @PathVariable String symbol,
            @Parameter(description = "why, kept in the history") @RequestParam(required = false) @Nullable
                    String reason) {
        long portfolioId = Portfolio.parseId("id", id);
        return portfolios.removeTicker(portfolioId, symbol, reason, UserIds.acting(user));
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "Every change of the portfolio (who, what, why, when), newest first")
    Page<HistoryEntry> history(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size) {
        long portfolioId = Portfolio.parseId("id", id);
        return portfolios.history(portfolioId, Paging.parse(page, size));
    }
}
