package com.split.yahoo.market;

import com.split.tasks.Symbols;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Deterministic market data for any valid symbol, with no network: the default provider, so that every stage
 * downstream has meaningful data anywhere.
 *
 * <p>Everything is seeded by the symbol. Prices are a geometric random walk with a drift of 4 % to 16 % and a
 * volatility of 15 % to 45 % a year, from a listing day between 1995 and 2010, on weekdays only; a close above the
 * symbol's range brings a 2-, 3- or 4-for-1 split, one under 1 a 1-for-10 reverse split; three payers in five go
 * ex-dividend each February, May, August and November. The walk always starts at the listing, so the same symbol and
 * window give the same bars, and a longer window holds a shorter one's bars unchanged. For the same reason
 * {@code adj_close} is the close scaled by the splits and dividends since the listing, not since today as Yahoo scales
 * it: stored bars never change, and returns computed from it are the same total returns.
 *
 * <p>Fundamentals follow from one set of statements per fiscal year, sized by the company's average market value over
 * that year at its price-to-sales ratio, so the two years and the key statistics (market cap, P/E, ROE, margins) agree
 * with each other and with the prices. Indices ({@code ^GSPC}) have prices but no fundamentals. Thread-safe.
 */
public final class OfflineMarketDataProvider implements MarketDataProvider {

    private static final LocalDate FIRST_LISTING = LocalDate.of(1995, 1, 2);
    private static final int LISTING_SPREAD_DAYS = 15 * 365;
    private static final String[][] SECTORS = {
        {"Technology", "Software - Infrastructure"},
        {"Technology", "Semiconductors"},
        {"Healthcare", "Drug Manufacturers - General"},
        {"Financial Services", "Banks - Diversified"},
        {"Consumer Cyclical", "Specialty Retail"},
        {"Consumer Defensive", "Packaged Foods"},
        {"Industrials", "Aerospace & Defense"},
        {"Energy", "Oil & Gas Integrated"},
        {"Utilities", "Utilities - Regulated Electric"},
        {"Communication Services", "Internet Content & Information"}
    };
    private static final double[] SCALES = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    private static final String[] NAME_SUFFIXES = {"Inc.", "Corporation", "Holdings", "Group", "Technologies", "plc"};

    @Override
    public String id() {
        return "offline";
    }

    @Override
    public Fetched<PriceHistory> prices(String symbol, LocalDate from, LocalDate to) {
        if (!Symbols.isValid(symbol)) {
            return new Fetched.UnknownSymbol<>("not a valid symbol");
        }
        Profile profile = new Profile(symbol);
        Walk walk = new Walk(profile, from, to);
        List<DailyBar> bars = walk.days.stream().map(Walk.Day::bar).toList();
        return new Fetched.Found<>(new PriceHistory(
                profile.listing(),
                bars,
                walk.dividends.stream()
                        .filter(dividend -> !dividend.exDate().isBefore(from))
                        .toList(),
                walk.splits.stream()
                        .filter(split -> !split.date().isBefore(from))
                        .toList()));
    }

    @Override
    public Fetched<Fundamentals> fundamentals(String symbol, LocalDate asOf) {
        if (!Symbols.isValid(symbol)) {
            return new Fetched.UnknownSymbol<>("not a valid symbol");
        }
        if (symbol.startsWith("^")) {
            return new Fetched.UnknownSymbol<>("an index has no fundamentals");
        }
        Profile profile = new Profile(symbol);
        // Results are published about ten weeks after the fiscal year ends.
        LocalDate latestEnd = profile.fiscalYearEnd(asOf.minusWeeks(10));
        LocalDate previousEnd = profile.fiscalYearEnd(latestEnd.minusDays(1));
        if (previousEnd.minusYears(1).isBefore(profile.listed)) {
            return new Fetched.UnknownSymbol<>("no two fiscal years reported by " + asOf);
        }
        Walk walk = new Walk(profile, previousEnd.minusYears(1), asOf);
        Map<LineItem, Double> latest = statements(profile, walk, latestEnd);
        Map<LineItem, Double> previous = statements(profile, walk, previousEnd);

        Walk.Day today = walk.days.getLast();
        double price = today.bar().close();
        // Statement share counts are in the shares of their fiscal year end; splits since then multiply them.
        double splitsSince = today.splitFactor() / walk.on(latestEnd).splitFactor();
        double shares = latest.get(LineItem.ORDINARY_SHARES_NUMBER) * splitsSince;
        double netIncome = latest.get(LineItem.NET_INCOME);
        double revenue = latest.get(LineItem.TOTAL_REVENUE);
        double equity = latest.get(LineItem.STOCKHOLDERS_EQUITY);
        double eps = netIncome / (latest.get(LineItem.DILUTED_AVERAGE_SHARES) * splitsSince);
        double growth = revenue / previous.get(LineItem.TOTAL_REVENUE) - 1;
        double forwardEps = eps * (1 + growth);
        double operatingCashFlow = latest.get(LineItem.OPERATING_CASH_FLOW);
        List<StatementLine> lines = new ArrayList<>();
        previous.forEach((item, value) -> lines.add(new StatementLine(previousEnd, item, value)));
        latest.forEach((item, value) -> lines.add(new StatementLine(latestEnd, item, value)));
        return new Fetched.Found<>(new Fundamentals(
                profile.listing(),
                asOf,
                profile.sector[0],
                profile.sector[1],
                Math.rint(price * shares),
                eps > 0 ? round(price / eps, 4) : null,
                forwardEps > 0 ? round(price / forwardEps, 4) : null,
                round(netIncome / equity, 6),
                round(netIncome / latest.get(LineItem.TOTAL_ASSETS), 6),
                round(latest.get(LineItem.TOTAL_DEBT) / equity, 6),
                round(latest.get(LineItem.CURRENT_ASSETS) / latest.get(LineItem.CURRENT_LIABILITIES), 6),
                round(latest.get(LineItem.GROSS_PROFIT) / revenue, 6),
                round(latest.get(LineItem.EBIT) / revenue, 6),
                round(netIncome / revenue, 6),
                operatingCashFlow,
                Math.rint(operatingCashFlow - revenue * profile.capexShare),
                Math.rint(shares),
                Math.rint(walk.averageVolume(63)),
                profile.beta,
                lines));
    }

    /** One fiscal year's statements, from the company's average market value over that year. */
    private static Map<LineItem, Double> statements(Profile profile, Walk walk, LocalDate end) {
        SplittableRandom year = profile.random(end.getYear());
        double splitFactor = walk.on(end).splitFactor();
        double shares = profile.shares0 * splitFactor * Math.exp(profile.shareDrift * years(profile.listed, end));
        double revenue = walk.averageMarketValue(end.minusYears(1), end, shares / splitFactor)
                / (profile.priceToSales * Math.exp(0.1 * year.nextGaussian()));
        double grossMargin = clamp(profile.grossMargin + 0.02 * year.nextGaussian(), 0.05, 0.9);
        double operatingMargin = grossMargin * clamp(profile.operatingShare + 0.05 * year.nextGaussian(), -0.3, 0.8);
        double totalAssets = revenue * profile.assetsToSales * Math.exp(0.05 * year.nextGaussian());
        double currentAssets = totalAssets * profile.currentShare;
        double currentLiabilities = currentAssets / (profile.currentRatio * Math.exp(0.1 * year.nextGaussian()));
        double totalDebt = totalAssets * profile.debtShare;
        double longTermDebt = totalDebt * 0.8;
        double totalLiabilities = currentLiabilities + longTermDebt + 0.05 * totalAssets;
        double ebit = revenue * operatingMargin;
        double netIncome = (ebit - 0.05 * totalDebt) * (ebit > 0.05 * totalDebt ? 0.79 : 1);
        Map<LineItem, Double> lines = new EnumMap<>(LineItem.class);
        lines.put(LineItem.TOTAL_ASSETS, Math.rint(totalAssets));
        lines.put(LineItem.CURRENT_ASSETS, Math.rint(currentAssets));
        lines.put(LineItem.CURRENT_LIABILITIES, Math.rint(currentLiabilities));
        lines.put(LineItem.TOTAL_DEBT, Math.rint(totalDebt));
        lines.put(LineItem.LONG_TERM_DEBT, Math.rint(longTermDebt));
        lines.put(LineItem.TOTAL_LIABILITIES, Math.rint(totalLiabilities));
        lines.put(LineItem.STOCKHOLDERS_EQUITY, Math.rint(totalAssets) - Math.rint(totalLiabilities));
        lines.put(LineItem.RETAINED_EARNINGS, Math.rint((totalAssets - totalLiabilities) * profile.retainedShare));
        lines.put(LineItem.WORKING_CAPITAL, Math.rint(currentAssets) - Math.rint(currentLiabilities));
        lines.put(LineItem.ORDINARY_SHARES_NUMBER, Math.rint(shares));
        lines.put(LineItem.DILUTED_AVERAGE_SHARES, Math.rint(shares * 1.01));
        lines.put(LineItem.TOTAL_REVENUE, Math.rint(revenue));
        lines.put(LineItem.GROSS_PROFIT, Math.rint(revenue * grossMargin));
        lines.put(LineItem.EBIT, Math.rint(ebit));
        lines.put(LineItem.NET_INCOME, Math.rint(netIncome));
        lines.put(LineItem.OPERATING_CASH_FLOW, Math.rint(netIncome + 0.04 * totalAssets));
        return lines;
    }

    private static double years(LocalDate from, LocalDate to) {
        return (to.toEpochDay() - from.toEpochDay()) / 365.25;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static double round(double value, int decimals) {
        double scale = SCALES[decimals];
        return Math.rint(value * scale) / scale;
    }

    /** A price as exchanges quote it: cents, or hundredths of a cent under a dollar. */
    private static double quote(double price) {
        return price >= 1 ? round(price, 2) : round(price, 4);
    }

    /** What is fixed about a symbol: its seed and the parameters drawn from it. */
    private static final class Profile {

        final String symbol;
        final long seed;
        final LocalDate listed;
        final double price0;
        final double drift;
        final double volatility;
        final double volume0;
        final double splitAbove;
        final double dividendYield;
        final String[] sector;
        final String name;
        final String exchange;
        final int fiscalYearEndMonth;
        final double shares0;
        final double shareDrift;
        final double priceToSales;
        final double grossMargin;
        final double operatingShare;
        final double assetsToSales;
        final double currentShare;
        final double currentRatio;
        final double debtShare;
        final double retainedShare;
        final double capexShare;
        final double beta;

        Profile(String symbol) {
            this.symbol = symbol;
            this.seed = fnv1a(symbol);
            SplittableRandom random = new SplittableRandom(seed);
            listed = TradingDays.onOrAfter(FIRST_LISTING.plusDays(random.nextInt(LISTING_SPREAD_DAYS)));
            price0 = Math.exp(uniform(random, Math.log(5), Math.log(150)));
            drift = uniform(random, 0.04, 0.16);
            volatility = uniform(random, 0.15, 0.45);
            volume0 = Math.exp(uniform(random, Math.log(2e5), Math.log(3e7)));
            splitAbove = clamp(3 * price0, 60, 450);
            boolean index = symbol.startsWith("^");
            dividendYield = !index && random.nextInt(5) < 3 ? uniform(random, 0.005, 0.04) : 0;
            sector = SECTORS[random.nextInt(SECTORS.length)];
            name = index
                    ? symbol.substring(1) + " Index"
                    : symbol + " " + NAME_SUFFIXES[random.nextInt(NAME_SUFFIXES.length)];
            exchange = index ? "SNP" : random.nextBoolean() ? "NYQ" : "NMS";
            int[] fiscalEnds = {12, 12, 12, 12, 9, 6, 3};
            fiscalYearEndMonth = fiscalEnds[random.nextInt(fiscalEnds.length)];
            shares0 = Math.exp(uniform(random, Math.log(1e8), Math.log(6e9)));
            shareDrift = uniform(random, -0.03, 0.02);
            priceToSales = Math.exp(uniform(random, Math.log(0.8), Math.log(8)));
            grossMargin = uniform(random, 0.2, 0.7);
            operatingShare = uniform(random, 0.15, 0.6);
            assetsToSales = uniform(random, 0.6, 2.5);
            currentShare = uniform(random, 0.2, 0.5);
            currentRatio = uniform(random, 1.0, 2.5);
            debtShare = uniform(random, 0.05, 0.35);
            retainedShare = uniform(random, 0.3, 0.9);
            capexShare = uniform(random, 0.02, 0.08);
            beta = round(clamp(0.3 + 2 * volatility + 0.2 * random.nextGaussian(), 0.3, 2.2), 2);
        }

        Listing listing() {
            return new Listing(symbol, name, exchange, "USD");
        }

        /** The last fiscal year end on or before {@code date}. */
        LocalDate fiscalYearEnd(LocalDate date) {
            YearMonth end = YearMonth.of(date.getYear(), fiscalYearEndMonth);
            LocalDate candidate = end.atEndOfMonth();
            return candidate.isAfter(date) ? end.minusYears(1).atEndOfMonth() : candidate;
        }

        /** A stream of numbers of its own for one fiscal year, so years are independent of each other. */
        SplittableRandom random(int year) {
            return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * year));
        }

        private static double uniform(SplittableRandom random, double min, double max) {
            return min + (max - min) * random.nextDouble();
        }

        private static long fnv1a(String text) {
            long hash = 0xcbf29ce484222325L;
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
            }
            return hash;
        }
    }

    /** The symbol's trading days in a window, walked from its listing, with every split and dividend since then. */
    private static final class Walk {

        /**
         * @param splitFactor shares per share held at the listing: close × splitFactor is comparable over time
         */
        record Day(DailyBar bar, double splitFactor) {}

        final List<Day> days = new ArrayList<>();
        final List<Dividend> dividends = new ArrayList<>();
        final List<Split> splits = new ArrayList<>();

        /** Walks from the listing, which fixes every bar, but keeps only the days from {@code keepFrom}. */
        Walk(Profile profile, LocalDate keepFrom, LocalDate to) {
            SplittableRandom random = new SplittableRandom(profile.seed * 31 + 7);
            double dailyVolatility = profile.volatility / Math.sqrt(252);
            double dailyDrift = (profile.drift - profile.volatility * profile.volatility / 2) / 252;
            double reference = quote(profile.price0);
            double volume = profile.volume0;
            double splitFactor = 1;
            double adjustment = 1;
            LocalDate previous = profile.listed.minusDays(1);
            for (LocalDate date = profile.listed; !date.isAfter(to); date = TradingDays.onOrAfter(date.plusDays(1))) {
                @Nullable
                Split split = reference > profile.splitAbove
                        ? new Split(date, 2 + random.nextInt(3), 1)
                        : reference < 1 ? new Split(date, 1, 10) : null;
                if (split != null) {
                    double shares = (double) split.numerator() / split.denominator();
                    splits.add(split);
                    reference = quote(reference / shares);
                    volume *= shares;
                    splitFactor *= shares;
                }
                if (profile.dividendYield > 0 && isExDividendDay(previous, date)) {
                    double amount = round(reference * profile.dividendYield / 4, 2);
                    if (amount > 0 && amount < reference) {
                        dividends.add(new Dividend(date, amount));
                        adjustment *= reference / (reference - amount);
                        reference -= amount;
                    }
                }
                double move = dailyDrift + dailyVolatility * random.nextGaussian();
                double open = quote(reference * Math.exp(0.3 * dailyVolatility * random.nextGaussian()));
                double close = quote(reference * Math.exp(move));
                double high = quote(
                        Math.max(open, close) * Math.exp(0.5 * dailyVolatility * Math.abs(random.nextGaussian())));
                double low = quote(
                        Math.min(open, close) * Math.exp(-0.5 * dailyVolatility * Math.abs(random.nextGaussian())));
                long shares = Math.round(volume
                        * Math.exp(0.3 * random.nextGaussian())
                        * (1 + 0.5 * Math.abs(move - dailyDrift) / dailyVolatility));
                // Adjusting by splits and dividends since the listing keeps every bar's adj_close fixed as time goes
                // on.
                double adjClose = round(close * splitFactor * adjustment, 6);
                if (!date.isBefore(keepFrom)) {
                    days.add(new Day(new DailyBar(date, open, high, low, close, adjClose, shares), splitFactor));
                }
                reference = close;
                previous = date;
            }
        }

        /** Ex-dividend on the first trading day on or after the 10th of February, May, August and November. */
        private static boolean isExDividendDay(LocalDate previous, LocalDate date) {
            return date.getMonthValue() % 3 == 2
                    && date.getDayOfMonth() >= 10
                    && (previous.getMonthValue() != date.getMonthValue() || previous.getDayOfMonth() < 10);
        }

        /** The last kept trading day on or before {@code date}, or the first one kept when there is none. */
        Day on(LocalDate date) {
            Day found = days.getFirst();
            for (Day day : days) {
                if (day.bar().date().isAfter(date)) {
                    break;
                }
                found = day;
            }
            return found;
        }

        /** The average of close × shares over the trading days in (from, to]; {@code sharesAtListing} per listing share. */
        double averageMarketValue(LocalDate from, LocalDate to, double sharesAtListing) {
            double sum = 0;
            int count = 0;
            for (Day day : days) {
                LocalDate date = day.bar().date();
                if (date.isAfter(from) && !date.isAfter(to)) {
                    sum += day.bar().close() * day.splitFactor();
                    count++;
                }
            }
            return count == 0 ? 0 : sum / count * sharesAtListing;
        }

        double averageVolume(int sessions) {
            List<Day> recent = days.subList(Math.max(0, days.size() - sessions), days.size());
            return recent.stream()
                    .mapToLong(day -> day.bar().volume())
                    .average()
                    .orElse(0);
        }
    }
}
