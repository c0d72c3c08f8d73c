package com.split.portfolio.refresh;

import com.split.portfolio.Actor;
import com.split.portfolio.Page;
import com.split.portfolio.Paging;
import com.split.portfolio.config.PortfolioProperties;
import com.split.portfolio.portfolio.Portfolio;
import com.split.portfolio.portfolio.PortfolioService;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskPriority;
import com.split.tasks.TaskType;
import com.split.tasks.bus.InstanceNames;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.codec.TaskCodec;
import com.split.web.ConflictException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts refresh runs and serves them. The database decides whether a refresh starts a run: the portfolio's row is
 * locked while its RUNNING run is looked up and a new one inserted, so concurrent refreshes, on one instance or many,
 * start one run and the others get that one; the unique key on {@code runs.running_portfolio_id} holds the rule even
 * for a writer that forgot the lock.
 */
@Service
class RefreshService {

    static final String MODULE = "portfolio-mngr";

    private static final Logger log = LoggerFactory.getLogger(RefreshService.class);

    private final RefreshRunRepository runs;
    private final PortfolioService portfolios;
    private final TaskPublisher publisher;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Duration staleAfter;
    private final RunMetrics metrics;
    private final EventSrvLinks eventSrv;
    private final StockPrices stockPrices;
    private final TransactionTemplate transactions;
    private final String instance;

    RefreshService(
            RefreshRunRepository runs,
            PortfolioService portfolios,
            TaskPublisher publisher,
            TaskCodec codec,
            Clock clock,
            PortfolioProperties properties,
            RunMetrics metrics,
            EventSrvLinks eventSrv,
            StockPrices stockPrices,
            PlatformTransactionManager transactionManager,
            @Value("${spring.application.name:" + MODULE + "}") String application) {
        this.runs = runs;
        this.portfolios = portfolios;
        this.publisher = publisher;
        this.mapper = codec.mapper();
        this.clock = clock;
        this.staleAfter = properties.runStaleAfter();
        this.metrics = metrics;
        this.eventSrv = eventSrv;
        this.stockPrices = stockPrices;
        this.transactions = new TransactionTemplate(transactionManager);
        this.instance = InstanceNames.unique(application);
    }

    /** A run and whether this call created it. */
    record Started(RefreshRun run, boolean created) {}

    /**
     * Starts a run of the portfolio, or returns the one already RUNNING. A RUNNING run older than
     * {@code split.portfolio.run-stale-after} is ended as TIMEOUT first and does not count.
     *
     * <p>The {@code refresh} task is published before the transaction commits: if the publish fails, there is no run;
     * if the commit fails after it, the orchestrator runs a task whose session has no run, and its messages are
     * retried and dead-lettered (see {@link UnknownRunException}). Either way no RUNNING run is left without a task.
     *
     * @throws ConflictException if the portfolio holds no tickers
     */
    Started refresh(long portfolioId, String requestedBy, TaskPriority priority) {
        List<String> timedOut = new ArrayList<>();
        Started started = Objects.requireNonNull(transactions.execute(status -> {
            Portfolio portfolio = portfolios.lockForRefresh(portfolioId);
            if (portfolio.tickers().isEmpty()) {
                throw new ConflictException(
                        "Portfolio empty",
                        "Portfolio '%s' holds no tickers: add one before refreshing".formatted(portfolio.name()));
            }
            Instant now = clock.instant();
            Optional<RefreshRun> running = runs.lockRunning(portfolioId);
            if (running.isPresent()) {
                RefreshRun run = running.get();
                if (run.startedAt().isAfter(now.minus(staleAfter))) {
                    return new Started(run, false);
                }
                runs.finish(run.sessionId(), RunStatus.TIMEOUT, staleReason(), List.of(), now);
                timedOut.add(run.sessionId());
            }
            TaskEnvelope task = TaskEnvelope.builder(TaskType.REFRESH)
                    .initiator(MODULE, instance)
                    .userId(portfolio.userId())
                    .sessionId(SessionIds.newId())
                    .tickers(portfolio.symbols())
                    .payload(mapper.createObjectNode().put("portfolio_id", portfolioId))
                    .priority(priority)
                    .clock(clock)
                    .build();
            RefreshRun run = new RefreshRun(
                    task.sessionId(),
                    portfolioId,
                    portfolio.userId(),
                    requestedBy,
                    task.taskId(),
                    task.tickers(),
                    RunStatus.RUNNING,
                    null,
                    List.of(),
                    now,
                    null);
            try {
                runs.insert(run);
            } catch (DuplicateKeyException e) {
                throw new ConflictException(
                        "Run starting", "Another run of portfolio %d is starting: try again".formatted(portfolioId));
            }
            publisher.publish(task);
            return new Started(run, true);
        }));
        timedOut.forEach(this::endedStale);
        if (started.created()) {
            metrics.started();
            log.info(
                    "{} started run {} of portfolio {} with {} tickers (refresh task {})",
                    requestedBy,
                    started.run().sessionId(),
                    portfolioId,
                    started.run().tickers().size(),
                    started.run().refreshTaskId());
        }
        return started;
    }

    /** Ends as TIMEOUT every run RUNNING for longer than {@code split.portfolio.run-stale-after}. */
    int endStaleRuns() {
        Instant now = clock.instant();
        int ended = 0;
        for (String sessionId : runs.runningSince(now.minus(staleAfter))) {
            // one statement per run, guarded by status = RUNNING: a run_completed or another instance may be first
            if (runs.finish(sessionId, RunStatus.TIMEOUT, staleReason(), List.of(), now)) {
                endedStale(sessionId);
                ended++;
            }
        }
        return ended;
    }

    /** @throws RunNotFoundException if there is no such run, or it is of a portfolio the caller may not see */
    RunView run(String sessionId, Actor actor) {
        RefreshRun run = runs.find(sessionId)
                .filter(found -> actor.sees(found.userId()))
                .orElseThrow(() -> RunNotFoundException.session(sessionId));
        List<RunView.StepView> steps = runs.steps(sessionId).stream()
                .map(step -> new RunView.StepView(
                        step.step(),
                        step.state(),
                        step.tickersTotal(),
                        step.tickersDone(),
                        step.tickersFailed(),
                        step.startedAt(),
                        step.finishedAt(),
                        step.startedAt() == null || step.finishedAt() == null
                                ? null
                                : Duration.between(step.startedAt(), step.finishedAt())
                                        .toMillis(),
                        step.dropped(),
                        step.taskIds().stream().map(eventSrv::task).toList(),
                        step.sequence(),
                        step.updatedAt()))
                .toList();
        return new RunView(
                run.sessionId(),
                run.portfolioId(),
                run.userId(),
                run.requestedBy(),
                run.status(),
                run.reason(),
                run.tickers(),
                run.startedAt(),
                run.finishedAt(),
                run.durationMs(),
                eventSrv.task(run.refreshTaskId()),
                steps,
                run.dropped(),
                links(run));
    }

    Page<RunSummary> runs(long portfolioId, Paging paging, Actor actor) {
        portfolios.requireVisible(portfolioId, actor);
        List<RunSummary> content = runs.byPortfolio(portfolioId, paging).stream()
                .map(run -> new RunSummary(
                        run.sessionId(),
                        run.status(),
                        run.reason(),
                        run.requestedBy(),
                        run.tickers().size(),
                        run.dropped().size(),
                        run.startedAt(),
                        run.finishedAt(),
                        run.durationMs(),
                        links(run)))
                .toList();
        return Page.of(content, paging, runs.countByPortfolio(portfolioId));
    }

    LatestRecommendations recommendations(long portfolioId, Actor actor) {
        portfolios.requireVisible(portfolioId, actor);
        RefreshRun run = runs.latestSuccess(portfolioId).orElseThrow(() -> RunNotFoundException.noSuccess(portfolioId));
        return new LatestRecommendations(
                portfolioId,
                run.sessionId(),
                Objects.requireNonNull(run.finishedAt(), "a SUCCESS run has ended"),
                runs.recommendations(run.sessionId()),
                run.dropped(),
                links(run));
    }

    /** The closes behind the newest successful run's recommendations, each within its window. */
    LatestPrices prices(long portfolioId, Actor actor) {
        portfolios.requireVisible(portfolioId, actor);
        RefreshRun run = runs.latestSuccess(portfolioId).orElseThrow(() -> RunNotFoundException.noSuccess(portfolioId));
        List<Recommendation> recommendations = runs.recommendations(run.sessionId());
        Map<String, PriceWindow> windows = new HashMap<>();
        recommendations.forEach(recommendation -> {
            if (recommendation.prices() != null) {
                windows.put(recommendation.ticker(), recommendation.prices());
            }
        });
        Map<String, StockPrices.Closes> closes = stockPrices.within(windows);
        return new LatestPrices(
                portfolioId,
                run.sessionId(),
                recommendations.stream()
                        .map(recommendation -> {
                            PriceWindow window = recommendation.prices();
                            StockPrices.Closes each = closes.getOrDefault(
                                    recommendation.ticker(), new StockPrices.Closes(List.of(), List.of()));
                            return new LatestPrices.TickerPrices(
                                    recommendation.ticker(),
                                    recommendation.decision(),
                                    window == null ? null : window.from(),
                                    window == null ? null : window.to(),
                                    each.dates(),
                                    each.adjClose());
                        })
                        .toList());
    }

    RunLinks links(RefreshRun run) {
        return RunLinks.of(run.sessionId(), run.portfolioId(), eventSrv);
    }

    private String staleReason() {
        return "no run_completed within %s of the start (split.portfolio.run-stale-after)"
                .formatted(staleAfter.toString().substring(2).toLowerCase(Locale.ROOT));
    }

    private void endedStale(String sessionId) {
        metrics.completed(RunStatus.TIMEOUT);
        log.warn("Ended run {} as TIMEOUT: {}", sessionId, staleReason());
    }
}
