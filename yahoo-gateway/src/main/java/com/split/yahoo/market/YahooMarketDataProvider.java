package com.split.yahoo.market;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Yahoo Finance's unofficial API: daily bars from chart v8, key statistics from quoteSummary and statement lines from
 * the fundamentals-timeseries. Yahoo's data is for personal use under its terms.
 *
 * <p>Bars are dated in the exchange's own time zone ({@code meta.exchangeTimezoneName}): a timestamp is the session's
 * open in UTC. A bar without a close (a halted day) is left out; a window without trading has no {@code timestamp} at
 * all. quoteSummary is asked for plain numbers ({@code formatted=false}), but the {@code {raw, fmt}} form and its
 * {@code {}} for a missing value are read too. Thread-safe.
 */
final class YahooMarketDataProvider implements MarketDataProvider {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MODULES = "price,summaryProfile,summaryDetail,financialData,defaultKeyStatistics";
    private static final String STATEMENT_TYPES =
            Arrays.stream(LineItem.values()).map(item -> "annual" + item.key()).collect(Collectors.joining(","));
    // The timeseries keeps at most four fiscal years; five years back reaches all of them.
    private static final int STATEMENT_YEARS = 5;

    private final YahooClient client;

    YahooMarketDataProvider(YahooClient client) {
        this.client = client;
    }

    @Override
    public String id() {
        return "yahoo";
    }

    @Override
    public Fetched<PriceHistory> prices(String symbol, LocalDate from, LocalDate to) {
        // A day either side covers every exchange's zone; the bars outside the window are dropped once dated locally.
        Map<String, String> query = new LinkedHashMap<>();
        query.put("period1", epochSecond(from.minusDays(1)));
        query.put("period2", epochSecond(to.plusDays(2)));
        query.put("interval", "1d");
        query.put("includePrePost", "false");
        query.put("events", "div,splits");
        YahooClient.Reply reply = client.get("/v8/finance/chart/" + encode(symbol), query);
        JsonNode chart = JSON.readTree(reply.body()).path("chart");
        JsonNode result = chart.path("result").path(0);
        if (reply.status() == 404 || !result.isObject()) {
            return unknown(chart, reply);
        }
        JsonNode meta = result.path("meta");
        ZoneId zone = ZoneId.of(meta.path("exchangeTimezoneName").asString("UTC"));
        JsonNode quote = result.path("indicators").path("quote").path(0);
        JsonNode adjCloses = result.path("indicators").path("adjclose").path(0).path("adjclose");
        JsonNode timestamps = result.path("timestamp");
        List<DailyBar> bars = new ArrayList<>();
        for (int i = 0; i < timestamps.size(); i++) {
            LocalDate date = date(timestamps.path(i), zone);
            Double close = number(quote.path("close").path(i));
            if (close == null || date.isBefore(from) || date.isAfter(to)) {
                continue;
            }
            Double volume = number(quote.path("volume").path(i));
            bars.add(new DailyBar(
                    date,
                    orElse(number(quote.path("open").path(i)), close),
                    orElse(number(quote.path("high").path(i)), close),
                    orElse(number(quote.path("low").path(i)), close),
                    close,
                    orElse(number(adjCloses.path(i)), close),
                    volume == null ? 0 : volume.longValue()));
        }
        JsonNode events = result.path("events");
        List<Dividend> dividends = events.path("dividends")
                .valueStream()
                .map(event -> new Dividend(date(event.path("date"), zone), orElse(number(event.path("amount")), 0.0)))
                .filter(dividend -> dividend.amount() > 0 && within(dividend.exDate(), from, to))
                .sorted(Comparator.comparing(Dividend::exDate))
                .toList();
        List<Split> splits = events.path("splits")
                .valueStream()
                .map(event -> new Split(
                        date(event.path("date"), zone),
                        event.path("numerator").asInt(0),
                        event.path("denominator").asInt(0)))
                .filter(split -> split.numerator() > 0 && split.denominator() > 0 && within(split.date(), from, to))
                .sorted(Comparator.comparing(Split::date))
                .toList();
        Listing listing = new Listing(
                symbol, text(meta.path("longName")), text(meta.path("exchangeName")), text(meta.path("currency")));
        return new Fetched.Found<>(new PriceHistory(listing, bars, dividends, splits));
    }

    @Override
    public Fetched<Fundamentals> fundamentals(String symbol, LocalDate asOf) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("modules", MODULES);
        query.put("formatted", "false");
        query.put("lang", "en-US");
        query.put("region", "US");
        query.put("corsDomain", "finance.yahoo.com");
        YahooClient.Reply reply = client.getWithCrumb("/v10/finance/quoteSummary/" + encode(symbol), query);
        JsonNode summary = JSON.readTree(reply.body()).path("quoteSummary");
        JsonNode result = summary.path("result").path(0);
        if (reply.status() == 404 || !result.isObject()) {
            return unknown(summary, reply);
        }
        JsonNode price = result.path("price");
        JsonNode profile = result.path("summaryProfile");
        JsonNode detail = result.path("summaryDetail");
        JsonNode financial = result.path("financialData");
        JsonNode statistics = result.path("defaultKeyStatistics");
        Double debtToEquityPercent = number(financial.path("debtToEquity"));
        String longName = text(price.path("longName"));
        return new Fetched.Found<>(new Fundamentals(
                new Listing(
                        symbol,
                        longName != null ? longName : text(price.path("shortName")),
                        text(price.path("exchangeName")),
                        text(price.path("currency"))),
                asOf,
                text(profile.path("sector")),
                text(profile.path("industry")),
                first(number(detail.path("marketCap")), number(price.path("marketCap"))),
                number(detail.path("trailingPE")),
                first(number(detail.path("forwardPE")), number(statistics.path("forwardPE"))),
                number(financial.path("returnOnEquity")),
                number(financial.path("returnOnAssets")),
                debtToEquityPercent == null ? null : debtToEquityPercent / 100,
                number(financial.path("currentRatio")),
                number(financial.path("grossMargins")),
                number(financial.path("operatingMargins")),
                number(financial.path("profitMargins")),
                number(financial.path("operatingCashflow")),
                number(financial.path("freeCashflow")),
                number(statistics.path("sharesOutstanding")),
                number(detail.path("averageVolume")),
                first(number(detail.path("beta")), number(statistics.path("beta"))),
                statements(symbol, asOf)));
    }

    /**
     * The lines of the two latest fiscal years ended by {@code asOf}. A type Yahoo does not send, or sends without a
     * value for a year, is no line: unknown, not zero.
     */
    private List<StatementLine> statements(String symbol, LocalDate asOf) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("symbol", symbol);
        query.put("type", STATEMENT_TYPES);
        query.put("period1", epochSecond(asOf.minusYears(STATEMENT_YEARS)));
        query.put("period2", epochSecond(asOf.plusDays(1)));
        YahooClient.Reply reply =
                client.getWithCrumb("/ws/fundamentals-timeseries/v1/finance/timeseries/" + encode(symbol), query);
        if (reply.status() == 404) {
            return List.of();
        }
        Map<String, LineItem> items =
                Arrays.stream(LineItem.values()).collect(Collectors.toMap(item -> "annual" + item.key(), item -> item));
        TreeMap<LocalDate, List<StatementLine>> byYear = new TreeMap<>();
        for (JsonNode series : JSON.readTree(reply.body()).path("timeseries").path("result")) {
            String type = series.path("meta").path("type").path(0).asString("");
            LineItem item = items.get(type);
            if (item == null) {
                continue;
            }
            for (JsonNode entry : series.path(type)) {
                Double value = number(entry.path("reportedValue"));
                String periodEnd = entry.path("asOfDate").asString("");
                if (value != null && !periodEnd.isEmpty()) {
                    LocalDate end = LocalDate.parse(periodEnd);
                    if (!end.isAfter(asOf)) {
                        byYear.computeIfAbsent(end, year -> new ArrayList<>()).add(new StatementLine(end, item, value));
                    }
                }
            }
        }
        return byYear.descendingMap().values().stream().limit(2).toList().reversed().stream()
                .flatMap(List::stream)
                .toList();
    }

    /** A 404, or a 200 without a result: Yahoo does not know the symbol (or it was delisted). */
    private static <T> Fetched<T> unknown(JsonNode envelope, YahooClient.Reply reply) {
        String description = envelope.path("error").path("description").asString("");
        return new Fetched.UnknownSymbol<>(
                description.isEmpty() ? "no data found (HTTP " + reply.status() + ")" : description);
    }

    /** A number, from {@code 34.8} or from {@code {"raw": 34.8, "fmt": "34.80"}}; {@code null}, {@code {}} are none. */
    private static @Nullable Double number(JsonNode node) {
        JsonNode value = node.isObject() ? node.path("raw") : node;
        return value.isNumber() ? value.doubleValue() : null;
    }

    private static @Nullable String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }

    private static @Nullable Double first(@Nullable Double value, @Nullable Double fallback) {
        return value != null ? value : fallback;
    }

    private static double orElse(@Nullable Double value, double fallback) {
        return value != null ? value : fallback;
    }

    private static LocalDate date(JsonNode epochSecond, ZoneId zone) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond.asLong()), zone);
    }

    private static boolean within(LocalDate date, LocalDate from, LocalDate to) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    private static String epochSecond(LocalDate date) {
        return Long.toString(date.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
    }

    private static String encode(String symbol) {
        return URLEncoder.encode(symbol, StandardCharsets.UTF_8);
    }
}
