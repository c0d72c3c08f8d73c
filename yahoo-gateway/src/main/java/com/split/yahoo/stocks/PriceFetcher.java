package com.split.yahoo.stocks;

import com.split.tasks.Symbols;
import com.split.yahoo.market.Fetched;
import com.split.yahoo.market.MarketCalendar;
import com.split.yahoo.market.MarketDataProperties;
import com.split.yahoo.market.MarketDataProvider;
import com.split.yahoo.market.PriceHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Daily bars, dividends and splits. A ticker is current while its stored prices are final through the last closed
 * session; otherwise it is fetched from {@code history} ago (first time) or from {@code overlap} before the last final
 * session, up to today, so today's bar is stored while the session runs and replaced by a later fetch.
 */
@Component
public class PriceFetcher implements TickerFetcher {

    private final MarketDataProvider provider;
    private final StockRepository stocks;
    private final MarketCalendar calendar;
    private final MarketDataProperties properties;

    PriceFetcher(
            MarketDataProvider provider,
            StockRepository stocks,
            MarketCalendar calendar,
            MarketDataProperties properties) {
        this.provider = provider;
        this.stocks = stocks;
        this.calendar = calendar;
        this.properties = properties;
    }

    /** A fetcher that stores into {@code dataSource}, outside a Spring context, for split-bench. */
    public static PriceFetcher standalone(
            DataSource dataSource, MarketDataProvider provider, MarketDataProperties properties) {
        StockRepository stocks = new StockRepository(
                new JdbcTemplate(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        return new PriceFetcher(provider, stocks, properties.calendar(), properties);
    }

    @Override
    public TickerReport fetch(String symbol, Instant now) {
        if (!Symbols.isValid(symbol)) {
            return TickerReport.unknown(symbol, "not a valid symbol");
        }
        LocalDate session = calendar.lastClosedSession(now);
        Optional<LocalDate> through = stocks.pricesThrough(symbol);
        if (through.isPresent() && !through.get().isBefore(session)) {
            return TickerReport.skipped(symbol, "current through " + through.get());
        }
        LocalDate today = calendar.today(now);
        LocalDate from = through.map(last -> last.minus(properties.overlap()))
                .orElseGet(() -> today.minus(properties.history()));
        return switch (provider.prices(symbol, from, today)) {
            case Fetched.UnknownSymbol<PriceHistory>(String reason) -> TickerReport.unknown(symbol, reason);
            case Fetched.Found<PriceHistory>(PriceHistory history) -> {
                stocks.storePrices(history, provider.id(), finalThrough(history, session), now);
                yield TickerReport.written(symbol, history.bars().size(), from + ".." + today);
            }
        };
    }

    /** The last stored bar that is final: none before the session closed, and none when the window had no bars. */
    private static @Nullable LocalDate finalThrough(PriceHistory history, LocalDate session) {
        if (history.bars().isEmpty()) {
            return null;
        }
        LocalDate last = history.bars().getLast().date();
        return last.isAfter(session) ? session : last;
    }
}
