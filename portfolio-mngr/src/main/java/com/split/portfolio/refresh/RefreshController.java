package com.split.portfolio.refresh;

import com.split.portfolio.Actor;
import com.split.portfolio.Page;
import com.split.portfolio.Paging;
import com.split.portfolio.portfolio.Portfolio;
import com.split.tasks.TaskPriority;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The refresh API: start a run, follow it, read a portfolio's runs and its latest recommendations. */
@RestController
class RefreshController {

    private final RefreshService refreshes;

    RefreshController(RefreshService refreshes) {
        this.refreshes = refreshes;
    }

    @PostMapping("/api/portfolios/{id}/refresh")
    @Operation(
            summary = "Starts a refresh run (202), or answers the portfolio's RUNNING run (200); 409 if the portfolio"
                    + " holds no tickers")
    ResponseEntity<RefreshStarted> refresh(Authentication caller, @PathVariable String id) {
        long portfolioId = Portfolio.parseId("id", id);
        RefreshService.Started started =
                refreshes.refresh(portfolioId, Actor.of(caller).userId(), TaskPriority.NORMAL);
        RefreshRun run = started.run();
        RunLinks links = refreshes.links(run);
        return ResponseEntity.status(started.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .location(URI.create(links.self()))
                .body(new RefreshStarted(run.sessionId(), run.status(), started.created(), links));
    }

    @GetMapping("/api/runs/{sessionId}")
    @Operation(summary = "A run: status, reason, timings and each step, with links to its tasks in event-srv")
    RunView run(Authentication caller, @PathVariable String sessionId) {
        return refreshes.run(SessionIds.parse("sessionId", sessionId), Actor.of(caller));
    }

    @GetMapping("/api/portfolios/{id}/runs")
    @Operation(summary = "The portfolio's runs, newest first")
    Page<RunSummary> runs(
            Authentication caller,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String page,
            @RequestParam(required = false) @Nullable String size) {
        long portfolioId = Portfolio.parseId("id", id);
        return refreshes.runs(portfolioId, Paging.parse(page, size), Actor.of(caller));
    }

    @GetMapping("/api/portfolios/{id}/prices")
    @Operation(
            summary = "The adjusted closes the screen of the portfolio's latest successful run used, per ticker with"
                    + " its decision; 404 before the first")
    LatestPrices prices(Authentication caller, @PathVariable String id) {
        return refreshes.prices(Portfolio.parseId("id", id), Actor.of(caller));
    }

    @GetMapping("/api/portfolios/{id}/recommendations")
    @Operation(summary = "The recommendations of the portfolio's latest successful run; 404 before the first")
    LatestRecommendations recommendations(Authentication caller, @PathVariable String id) {
        return refreshes.recommendations(Portfolio.parseId("id", id), Actor.of(caller));
    }
}
