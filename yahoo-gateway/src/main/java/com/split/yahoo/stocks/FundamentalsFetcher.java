package com.split.yahoo.stocks;

import com.split.tasks.Symbols;
import com.split.yahoo.market.Fetched;
import com.split.yahoo.market.Fundamentals;
import com.split.yahoo.market.MarketCalendar;
import com.split.yahoo.market.MarketDataProvider;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Key statistics and statement lines, at most once per exchange day: a ticker is current once today's are stored. */
@Component
class FundamentalsFetcher implements TickerFetcher {

    private final MarketDataProvider provider;
    private final StockRepository stocks;
    private final MarketCalendar calendar;

    FundamentalsFetcher(MarketDataProvider provider, StockRepository stocks, MarketCalendar calendar) {
        this.provider = provider;
        this.stocks = stocks;
        this.calendar = calendar;
    }

    @Override
    public TickerReport fetch(String symbol, Instant now) {
        if (!Symbols.isValid(symbol)) {
            return TickerReport.unknown(symbol, "not a valid symbol");
        }
        LocalDate today = calendar.today(now);
        Optional<LocalDate> asOf = stocks.fundamentalsAsOf(symbol);
        if (asOf.isPresent() && !asOf.get().isBefore(today)) {
            return TickerReport.skipped(symbol, "current as of " + asOf.get());
        }
        return switch (provider.fundamentals(symbol, today)) {
            case Fetched.UnknownSymbol<Fundamentals>(String reason) -> TickerReport.unknown(symbol, reason);
            case Fetched.Found<Fundamentals>(Fundamentals fundamentals) -> {
                stocks.storeFundamentals(fundamentals, provider.id(), now);
                yield TickerReport.written(symbol, 1 + fundamentals.statements().size(), "as of " + today);
            }
        };
    }
}
