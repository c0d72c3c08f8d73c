package com.split.yahoo.market;

import com.split.tasks.Symbols;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The calibrated profiles of {@code calibrated-profiles.csv}, checked as they are read: a line that does not parse or
 * whose market cap is not close × shares stops the service with the line's number, rather than showing a reader made-up
 * numbers as facts.
 */
public final class CalibratedProfiles {

    /** The market factor: every calibrated walk moves with it by its beta. */
    public static final String MARKET = "^GSPC";

    static final String RESOURCE = "calibrated-profiles.csv";

    private static final LocalDate FIRST_LISTING = LocalDate.of(1995, 1, 2);
    private static final double MARKET_CAP_TOLERANCE = 0.01;
    private static final List<String> COLUMNS = List.of(
            "symbol",
            "name",
            "exchange",
            "sector",
            "industry",
            "listed",
            "as_of",
            "close",
            "band",
            "shares_m",
            "market_cap_b",
            "dividend_yield",
            "volatility",
            "beta",
            "fiscal_year_end",
            "revenue_b",
            "revenue_growth",
            "gross_margin",
            "operating_margin",
            "net_margin",
            "total_assets_b",
            "total_debt_b",
            "equity_b",
            "current_ratio");

    private final Map<String, CalibratedProfile> bySymbol;

    private CalibratedProfiles(Map<String, CalibratedProfile> bySymbol) {
        this.bySymbol = bySymbol;
    }

    /** The profiles shipped with yahoo-gateway. */
    public static CalibratedProfiles load() {
        try (InputStream in = CalibratedProfiles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Profiles from the lines of a file in {@code calibrated-profiles.csv}'s format: # comments, a header, rows. */
    static CalibratedProfiles parse(List<String> lines) {
        Map<String, CalibratedProfile> bySymbol = new LinkedHashMap<>();
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = RESOURCE + " line " + (i + 1);
            List<String> fields = List.of(line.split(",", -1));
            if (header) {
                if (!fields.equals(COLUMNS)) {
                    throw new IllegalStateException(where + ": the header must be " + String.join(",", COLUMNS));
                }
                header = false;
                continue;
            }
            if (fields.size() != COLUMNS.size()) {
                throw new IllegalStateException(
                        "%s: %d fields, expected %d".formatted(where, fields.size(), COLUMNS.size()));
            }
            CalibratedProfile profile = new Row(where, fields).profile();
            if (bySymbol.putIfAbsent(profile.symbol(), profile) != null) {
                throw new IllegalStateException(where + ": " + profile.symbol() + " is listed twice");
            }
        }
        if (!bySymbol.containsKey(MARKET) || !bySymbol.get(MARKET).index()) {
            throw new IllegalStateException(RESOURCE + " must hold the market factor " + MARKET + " as an index");
        }
        return new CalibratedProfiles(Map.copyOf(bySymbol));
    }

    public Optional<CalibratedProfile> get(String symbol) {
        return Optional.ofNullable(bySymbol.get(symbol));
    }

    public CalibratedProfile market() {
        return bySymbol.get(MARKET);
    }

    public Collection<CalibratedProfile> all() {
        return bySymbol.values();
    }

    /** One row's fields by column name, each parsed with the row's place in any error. */
    private record Row(String where, List<String> fields) {

        CalibratedProfile profile() {
            String symbol = text("symbol");
            if (!Symbols.isValid(symbol)) {
                throw invalid("symbol", "not a valid symbol");
            }
            LocalDate firstDay = optional("listed") == null ? FIRST_LISTING : date("listed");
            LocalDate asOf = date("as_of");
            if (!firstDay.isBefore(asOf.minusYears(2))) {
                throw invalid("listed", "needs two years of trading before as_of");
            }
            double close = positive("close");
            double band = number("band");
            if (!(band > 0 && band <= 0.2)) {
                throw invalid("band", "must be in (0, 0.2]");
            }
            CalibratedProfile.Company company = optional("shares_m") == null ? null : company(close);
            if (company == null && !symbol.startsWith("^")) {
                throw invalid("shares_m", "only an index may have no shares");
            }
            return new CalibratedProfile(
                    symbol,
                    text("name"),
                    text("exchange"),
                    TradingDays.onOrAfter(firstDay.isBefore(FIRST_LISTING) ? FIRST_LISTING : firstDay),
                    asOf,
                    close,
                    band,
                    positive("volatility"),
                    positive("beta"),
                    number("revenue_growth"),
                    company);
        }

        private CalibratedProfile.Company company(double close) {
            double shares = positive("shares_m") * 1e6;
            double marketCap = positive("market_cap_b") * 1e9;
            if (Math.abs(close * shares / marketCap - 1) > MARKET_CAP_TOLERANCE) {
                throw invalid(
                        "market_cap_b",
                        "close × shares is %.4g, more than 1 %% from the stated %.4g"
                                .formatted(close * shares, marketCap));
            }
            double grossMargin = number("gross_margin");
            double operatingMargin = number("operating_margin");
            if (!(operatingMargin < grossMargin && grossMargin < 1)) {
                throw invalid("operating_margin", "needs operating margin < gross margin < 1");
            }
            double totalAssets = positive("total_assets_b") * 1e9;
            double equity = number("equity_b") * 1e9;
            if (!(equity < totalAssets)) {
                throw invalid("equity_b", "must be less than total assets");
            }
            YearMonth fiscalYearEnd;
            try {
                fiscalYearEnd = YearMonth.parse(text("fiscal_year_end"));
            } catch (DateTimeParseException e) {
                throw invalid("fiscal_year_end", "not a year-month (2024-09)");
            }
            return new CalibratedProfile.Company(
                    text("sector"),
                    text("industry"),
                    shares,
                    marketCap,
                    number("dividend_yield"),
                    fiscalYearEnd,
                    positive("revenue_b") * 1e9,
                    grossMargin,
                    operatingMargin,
                    number("net_margin"),
                    totalAssets,
                    number("total_debt_b") * 1e9,
                    equity,
                    positive("current_ratio"));
        }

        private @Nullable String optional(String column) {
            String value = fields.get(COLUMNS.indexOf(column)).strip();
            return value.isEmpty() ? null : value;
        }

        private String text(String column) {
            String value = optional(column);
            if (value == null) {
                throw invalid(column, "is empty");
            }
            return value;
        }

        private double number(String column) {
            try {
                return Double.parseDouble(text(column));
            } catch (NumberFormatException e) {
                throw invalid(column, "not a number");
            }
        }

        private double positive(String column) {
            double value = number(column);
            if (!(value > 0)) {
                throw invalid(column, "must be positive");
            }
            return value;
        }

        private LocalDate date(String column) {
            try {
                return LocalDate.parse(text(column));
            } catch (DateTimeParseException e) {
                throw invalid(column, "not a date (2024-12-31)");
            }
        }

        private IllegalStateException invalid(String column, String problem) {
            return new IllegalStateException("%s, %s %s: %s".formatted(where, column, fields.get(0), problem));
        }
    }
}
