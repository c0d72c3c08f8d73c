package com.split.yahoo.market;

import com.split.tasks.Symbols;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Deterministic market data for any valid symbol, with no network: the default provider, so that every stage
 * downstream has meaningful data anywhere. The numbers are synthetic; for well-known symbols they are calibrated to
 * public facts so that a reader recognises them.
 *
 * <p>Everything is seeded by the symbol, and a walk always starts at its listing, so the same symbol and window give
 * the same bars, and a longer window holds a shorter one's bars unchanged. For the same reason {@code adj_close} is the
 * close scaled by the splits and dividends since the listing, not since today as Yahoo scales it: stored bars never
 * change, and returns computed from it are the same total returns. Three payers in five (or those that pay, when
 * calibrated) go ex-dividend each February, May, August and November.
 *
 * <p><b>Calibrated symbols</b> ({@link CalibratedProfiles}: the S&amp;P 100, the default portfolio, {@code ^GSPC}) walk
 * through their stated close on the stated date: the log price is a trend at the company's growth plus a
 * mean-reverting deviation (half-life two years, so decades back stay plausible), whose daily shocks are the market's
 * ({@code ^GSPC}'s) times the beta plus the company's own, at the stated volatility. Splits keep the quoted price in a
 * believable range: going back from the stated date, a 2-, 3- or 4-for-1 split undoes a fall under a quarter of the
 * stated close (at most 25); going forward, one follows a rise over four times it. Statements are sized from the stated
 * fiscal year's revenue, margins, assets, debt and equity, grown at the company's growth to other years; shares
 * outstanding are the stated ones, drifting with buybacks.
 *
 * <p><b>Other symbols</b> get a profile drawn from the seed: a geometric random walk with a drift of 4 % to 16 % and a
 * volatility of 15 % to 45 % a year, from a listing day between 1995 and 2010, on weekdays only; a close above the
 * symbol's range brings a 2-, 3- or 4-for-1 split, one under 1 a 1-for-10 reverse split. Their fundamentals follow
 * from one set of statements per fiscal year, sized by the company's average market value over that year at its
 * price-to-sales ratio, so the two years and the key statistics (market cap, P/E, ROE, margins) agree with each other
 * and with the prices.
 *
 * <p>Indices ({@code ^GSPC}) have prices but no fundamentals. Thread-safe.
 */
public final class OfflineMarketDataProvider implements MarketDataProvider {

    private static final LocalDate FIRST_LISTING = LocalDate.of(1995, 1, 2);
    private static final int LISTING_SPREAD_DAYS = 15 * 365;
    private static final int TRADING_DAYS_PER_YEAR = 252;
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

    private final CalibratedProfiles calibrated;

    public OfflineMarketDataProvider() {
        this(CalibratedProfiles.load());
    }

    OfflineMarketDataProvider(CalibratedProfiles calibrated) {
        this.calibrated = calibrated;
    }

    @Override
    public String id() {
        return "offline";
    }

    @Override
    public Fetched<PriceHistory> prices(String symbol, LocalDate from, LocalDate to) {
        if (!Symbols.isValid(symbol)) {
            return new Fetched.UnknownSymbol<>("not a valid symbol");
        }
        Company company = company(symbol);
        Walk walk = company.walk(from, to);
        List<DailyBar> bars = walk.days.stream().map(Walk.Day::bar).toList();
        return new Fetched.Found<>(new PriceHistory(
                company.listing(),
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
        Company company = company(symbol);
        if (company.index()) {
            return new Fetched.UnknownSymbol<>("an index has no fundamentals");
        }
        // Results are published about ten weeks after the fiscal year ends.
        LocalDate latestEnd = company.fiscalYearEnd(asOf.minusWeeks(10));
        LocalDate previousEnd = company.fiscalYearEnd(latestEnd.minusDays(1));
        if (previousEnd.minusYears(1).isBefore(company.listed())) {
            return new Fetched.UnknownSymbol<>("no two fiscal years reported by " + asOf);
        }
        Walk walk = company.walk(previousEnd.minusYears(1), asOf);
        Map<LineItem, Double> latest = company.statements(walk, latestEnd);
        Map<LineItem, Double> previous = company.statements(walk, previousEnd);

        Walk.Day today = walk.days.getLast();
        double price = today.bar().close();
        // Statement share counts are in the shares of their fiscal year end; splits since then multiply them.
        double splitsSince = today.splitFactor() / walk.on(latestEnd).splitFactor();
        double shares = company.sharesOutstanding(walk, latest, splitsSince);
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
                company.listing(),
                asOf,
                company.sector(),
                company.industry(),
                Math.rint(price * shares),
                eps > 0 ? round(price / eps, 4) : null,
                forwardEps > 0 ? round(price / forwardEps, 4) : null,
                // Return on negative equity means nothing; Yahoo shows none either.
                equity > 0 ? round(netIncome / equity, 6) : null,
                round(netIncome / latest.get(LineItem.TOTAL_ASSETS), 6),
                round(latest.get(LineItem.TOTAL_DEBT) / equity, 6),
                round(latest.get(LineItem.CURRENT_ASSETS) / latest.get(LineItem.CURRENT_LIABILITIES), 6),
                round(latest.get(LineItem.GROSS_PROFIT) / revenue, 6),
                round(latest.get(LineItem.EBIT) / revenue, 6),
                round(netIncome / revenue, 6),
                operatingCashFlow,
                Math.rint(operatingCashFlow - revenue * company.capexShare()),
                Math.rint(shares),
                Math.rint(walk.averageVolume(63)),
                company.beta(),
                lines));
    }

    private Company company(String symbol) {
        return calibrated
                .get(symbol)
                .<Company>map(profile -> new Calibrated(profile, calibrated.market()))
                .orElseGet(() -> new Profile(symbol));
    }

    /** A symbol's prices and statements, from its profile: drawn from its seed, or calibrated to public facts. */
    private sealed interface Company permits Profile, Calibrated {

        Listing listing();

        LocalDate listed();

        boolean index();

        @Nullable
        String sector();

        @Nullable
        String industry();

        double beta();

        double capexShare();

        int fiscalYearEndMonth();

        /** The trading days from {@code keepFrom} to {@code to}, walked from the listing. */
        Walk walk(LocalDate keepFrom, LocalDate to);

        /** The fiscal year ending on {@code end}; the walk must hold that date. */
        Map<LineItem, Double> statements(Walk walk, LocalDate end);

        /** Shares outstanding on the walk's last day; {@code splitsSince} the latest fiscal year end. */
        double sharesOutstanding(Walk walk, Map<LineItem, Double> latest, double splitsSince);

        /** The last fiscal year end on or before {@code date}. */
        default LocalDate fiscalYearEnd(LocalDate date) {
            YearMonth end = YearMonth.of(date.getYear(), fiscalYearEndMonth());
            LocalDate candidate = end.atEndOfMonth();
            return candidate.isAfter(date) ? end.minusYears(1).atEndOfMonth() : candidate;
        }
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

    /** A stream of numbers of its own for one fiscal year, so years are independent of each other. */
    private static SplittableRandom yearRandom(long seed, int year) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * year));
    }

    /** A stream of numbers of its own for one date and purpose: the same whatever window is walked. */
    private static SplittableRandom dayRandom(long seed, LocalDate date, long purpose) {
        return new SplittableRandom(seed ^ (0xC2B2AE3D27D4EB4FL * date.toEpochDay()) ^ purpose);
    }

    /** A profile drawn from the symbol's seed, for symbols with no calibrated profile. */
    private static final class Profile implements Company {

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

        @Override
        public Listing listing() {
            return new Listing(symbol, name, exchange, "USD");
        }

        @Override
        public LocalDate listed() {
            return listed;
        }

        @Override
        public boolean index() {
            return symbol.startsWith("^");
        }

        @Override
        public String sector() {
            return sector[0];
        }

        @Override
        public String industry() {
            return sector[1];
        }

        @Override
        public double beta() {
            return beta;
        }

        @Override
        public double capexShare() {
            return capexShare;
        }

        @Override
        public int fiscalYearEndMonth() {
            return fiscalYearEndMonth;
        }

        @Override
        public Walk walk(LocalDate keepFrom, LocalDate to) {
            Walk walk = new Walk(keepFrom);
            SplittableRandom random = new SplittableRandom(seed * 31 + 7);
            double dailyVolatility = volatility / Math.sqrt(TRADING_DAYS_PER_YEAR);
            double dailyDrift = (drift - volatility * volatility / 2) / TRADING_DAYS_PER_YEAR;
            double reference = quote(price0);
            double volume = volume0;
            double splitFactor = 1;
            double adjustment = 1;
            LocalDate previous = listed.minusDays(1);
            for (LocalDate date = listed; !date.isAfter(to); date = TradingDays.onOrAfter(date.plusDays(1))) {
                @Nullable
                Split split = reference > splitAbove
                        ? new Split(date, 2 + random.nextInt(3), 1)
                        : reference < 1 ? new Split(date, 1, 10) : null;
                if (split != null) {
                    double shares = (double) split.numerator() / split.denominator();
                    walk.splits.add(split);
                    reference = quote(reference / shares);
                    volume *= shares;
                    splitFactor *= shares;
                }
                if (dividendYield > 0 && Walk.isExDividendDay(previous, date)) {
                    double amount = round(reference * dividendYield / 4, 2);
                    if (amount > 0 && amount < reference) {
                        walk.dividends.add(new Dividend(date, amount));
                        adjustment *= reference / (reference - amount);
                        reference -= amount;
                    }
                }
                double surprise = random.nextGaussian();
                double close = quote(reference * Math.exp(dailyDrift + dailyVolatility * surprise));
                walk.trade(date, reference, close, surprise, volume, dailyVolatility, splitFactor, adjustment, random);
                reference = close;
                previous = date;
            }
            return walk;
        }

        /** One fiscal year's statements, from the company's average market value over that year. */
        @Override
        public Map<LineItem, Double> statements(Walk walk, LocalDate end) {
            SplittableRandom year = yearRandom(seed, end.getYear());
            double splitFactor = walk.on(end).splitFactor();
            double shares = shares0 * splitFactor * Math.exp(shareDrift * years(listed, end));
            double revenue = walk.averageMarketValue(end.minusYears(1), end, shares / splitFactor)
                    / (priceToSales * Math.exp(0.1 * year.nextGaussian()));
            double margin = clamp(grossMargin + 0.02 * year.nextGaussian(), 0.05, 0.9);
            double operatingMargin = margin * clamp(operatingShare + 0.05 * year.nextGaussian(), -0.3, 0.8);
            double totalAssets = revenue * assetsToSales * Math.exp(0.05 * year.nextGaussian());
            double currentAssets = totalAssets * currentShare;
            double currentLiabilities = currentAssets / (currentRatio * Math.exp(0.1 * year.nextGaussian()));
            double totalDebt = totalAssets * debtShare;
            double totalLiabilities = currentLiabilities + totalDebt * 0.8 + 0.05 * totalAssets;
            double ebit = revenue * operatingMargin;
            double netIncome = (ebit - 0.05 * totalDebt) * (ebit > 0.05 * totalDebt ? 0.79 : 1);
            return Statements.of(
                    totalAssets,
                    currentAssets,
                    currentLiabilities,
                    totalDebt,
                    totalLiabilities,
                    retainedShare,
                    shares,
                    revenue,
                    revenue * margin,
                    ebit,
                    netIncome,
                    netIncome + 0.04 * totalAssets);
        }

        @Override
        public double sharesOutstanding(Walk walk, Map<LineItem, Double> latest, double splitsSince) {
            return latest.get(LineItem.ORDINARY_SHARES_NUMBER) * splitsSince;
        }
    }

    /** A symbol whose profile states public facts: its walk passes through the stated close on the stated date. */
    private static final class Calibrated implements Company {

        /** Two years' half-life: the deviation from the trend stays within about ±35 % however far back. */
        private static final double MEAN_REVERSION = Math.log(2) / (2 * TRADING_DAYS_PER_YEAR);

        private static final long SHOCK = 1;
        private static final long BAR = 2;
        private static final long SPLIT = 3;

        final CalibratedProfile profile;
        final long seed;
        final long marketSeed;
        final double marketVolatility;
        final double trend;
        final double turnover;
        final double shareDrift;
        final double currentShare;
        final double retainedShare;
        final double capexShare;

        Calibrated(CalibratedProfile profile, CalibratedProfile market) {
            this.profile = profile;
            this.seed = fnv1a(profile.symbol());
            this.marketSeed = fnv1a(market.symbol());
            this.marketVolatility = market.volatility();
            this.trend = clamp(Math.log1p(profile.growth()), 0, 0.2);
            SplittableRandom random = new SplittableRandom(seed);
            turnover = uniform(random, 0.0015, 0.005);
            shareDrift = uniform(random, -0.025, 0.005);
            currentShare = uniform(random, 0.2, 0.35);
            retainedShare = uniform(random, 0.3, 0.9);
            capexShare = uniform(random, 0.02, 0.08);
        }

        private CalibratedProfile.Company facts() {
            return Objects.requireNonNull(profile.company());
        }

        @Override
        public Listing listing() {
            return new Listing(profile.symbol(), profile.name(), profile.exchange(), "USD");
        }

        @Override
        public LocalDate listed() {
            return profile.listed();
        }

        @Override
        public boolean index() {
            return profile.index();
        }

        @Override
        public @Nullable String sector() {
            return index() ? null : facts().sector();
        }

        @Override
        public @Nullable String industry() {
            return index() ? null : facts().industry();
        }

        @Override
        public double beta() {
            return profile.beta();
        }

        @Override
        public double capexShare() {
            return capexShare;
        }

        @Override
        public int fiscalYearEndMonth() {
            return facts().fiscalYearEnd().getMonthValue();
        }

        @Override
        public Walk walk(LocalDate keepFrom, LocalDate to) {
            LocalDate anchor =
                    TradingDays.isTradingDay(profile.asOf()) ? profile.asOf() : TradingDays.before(profile.asOf());
            LocalDate end = to.isAfter(anchor) ? to : anchor;
            List<LocalDate> dates = new ArrayList<>();
            for (LocalDate date = profile.listed();
                    !date.isAfter(end);
                    date = TradingDays.onOrAfter(date.plusDays(1))) {
                dates.add(date);
            }
            int days = dates.size();
            int anchorDay = dates.indexOf(anchor);
            double dailyVolatility = profile.volatility() / Math.sqrt(TRADING_DAYS_PER_YEAR);
            double marketLoading = profile.beta() * marketVolatility / Math.sqrt(TRADING_DAYS_PER_YEAR);
            double ownVolatility =
                    Math.sqrt(Math.max(dailyVolatility * dailyVolatility - marketLoading * marketLoading, 0));

            // The log price's deviation from the trend, and each day's shock in daily standard deviations.
            double[] deviation = new double[days];
            double[] surprise = new double[days];
            double current = 0;
            for (int day = 0; day < days; day++) {
                LocalDate date = dates.get(day);
                double shock =
                        marketLoading * dayRandom(marketSeed, date, SHOCK).nextGaussian()
                                + ownVolatility * dayRandom(seed, date, SHOCK).nextGaussian();
                current = (1 - MEAN_REVERSION) * current + shock;
                deviation[day] = current;
                surprise[day] = shock / dailyVolatility;
            }
            // The price in shares of the stated date, through the stated close on that date.
            double[] price = new double[days];
            for (int day = 0; day < days; day++) {
                price[day] = profile.close()
                        * Math.exp(trend * years(anchor, dates.get(day)) + deviation[day] - deviation[anchorDay]);
            }

            Walk walk = new Walk(keepFrom);
            // Quoted price = price × units: shares of the stated date per share of that day.
            double[] units = new double[days];
            units[anchorDay] = 1;
            double floor = Math.min(profile.close() / 4, 25);
            for (int day = anchorDay - 1; day >= 0; day--) {
                units[day] = units[day + 1];
                if (!index() && price[day] * units[day] < floor) {
                    int shares = splitRatio(dates.get(day + 1));
                    walk.splits.add(new Split(dates.get(day + 1), shares, 1));
                    units[day] *= shares;
                }
            }
            double ceiling = 4 * profile.close();
            for (int day = anchorDay + 1; day < days; day++) {
                units[day] = units[day - 1];
                if (!index() && price[day] * units[day] > ceiling) {
                    int shares = splitRatio(dates.get(day));
                    walk.splits.add(new Split(dates.get(day), shares, 1));
                    units[day] /= shares;
                }
            }
            walk.splits.removeIf(split -> split.date().isAfter(to));
            walk.splits.sort(Comparator.comparing(Split::date));
            walk.anchorSplitFactor = units[0] / units[anchorDay];

            double dividendYield = index() ? 0 : facts().dividendYield();
            double volume = index() ? 0 : facts().shares() * turnover;
            double adjustment = 1;
            for (int day = 0; day < days && !dates.get(day).isAfter(to); day++) {
                LocalDate date = dates.get(day);
                // Yesterday's price in today's shares, so that a split day opens at its new level.
                double reference = (day == 0 ? price[day] : price[day - 1]) * units[day];
                if (dividendYield > 0 && day > 0 && Walk.isExDividendDay(dates.get(day - 1), date)) {
                    double amount = round(reference * dividendYield / 4, 2);
                    if (amount > 0 && amount < reference) {
                        walk.dividends.add(new Dividend(date, amount));
                        adjustment *= reference / (reference - amount);
                    }
                }
                walk.trade(
                        date,
                        reference,
                        quote(price[day] * units[day]),
                        surprise[day],
                        volume / units[day],
                        dailyVolatility,
                        units[0] / units[day],
                        adjustment,
                        dayRandom(seed, date, BAR));
            }
            return walk;
        }

        private int splitRatio(LocalDate date) {
            return 2 + dayRandom(seed, date, SPLIT).nextInt(3);
        }

        /** The stated fiscal year's facts, grown at the company's growth to the fiscal year ending on {@code end}. */
        @Override
        public Map<LineItem, Double> statements(Walk walk, LocalDate end) {
            CalibratedProfile.Company facts = facts();
            SplittableRandom year = yearRandom(seed, end.getYear());
            double scale = Math.exp(
                    Math.log1p(profile.growth()) * years(facts.fiscalYearEnd().atEndOfMonth(), end)
                            + 0.02 * year.nextGaussian());
            double revenue = facts.revenue() * scale;
            // Margins move by a few percent of themselves from year to year, keeping their signs.
            double grossMargin = facts.grossMargin() * (1 + 0.03 * year.nextGaussian());
            double operatingMargin =
                    Math.min(facts.operatingMargin() * (1 + 0.05 * year.nextGaussian()), grossMargin - 0.01);
            double netMargin = facts.netMargin() * (1 + 0.05 * year.nextGaussian());
            double totalAssets = facts.totalAssets() * scale;
            double totalDebt = facts.totalDebt() * scale;
            double totalLiabilities = totalAssets - facts.equity() * scale;
            double currentRatio = facts.currentRatio() * Math.exp(0.05 * year.nextGaussian());
            // Current liabilities are part of the liabilities, beside the long-term debt.
            double currentAssets =
                    Math.min(totalAssets * currentShare, (totalLiabilities - 0.8 * totalDebt) * 0.9 * currentRatio);
            double netIncome = revenue * netMargin;
            return Statements.of(
                    totalAssets,
                    currentAssets,
                    currentAssets / currentRatio,
                    totalDebt,
                    totalLiabilities,
                    retainedShare,
                    sharesOn(walk, end),
                    revenue,
                    revenue * grossMargin,
                    revenue * operatingMargin,
                    netIncome,
                    netIncome + 0.06 * revenue);
        }

        @Override
        public double sharesOutstanding(Walk walk, Map<LineItem, Double> latest, double splitsSince) {
            return sharesOn(walk, walk.days.getLast().bar().date());
        }

        /** The stated shares, drifting with buybacks or issues, in the shares of {@code date}. */
        private double sharesOn(Walk walk, LocalDate date) {
            return facts().shares()
                    * Math.exp(shareDrift * years(profile.asOf(), date))
                    * walk.on(date).splitFactor()
                    / walk.anchorSplitFactor;
        }
    }

    /** One fiscal year's statement lines from its few independent numbers. */
    private static final class Statements {

        private Statements() {}

        static Map<LineItem, Double> of(
                double totalAssets,
                double currentAssets,
                double currentLiabilities,
                double totalDebt,
                double totalLiabilities,
                double retainedShare,
                double shares,
                double revenue,
                double grossProfit,
                double ebit,
                double netIncome,
                double operatingCashFlow) {
            Map<LineItem, Double> lines = new EnumMap<>(LineItem.class);
            lines.put(LineItem.TOTAL_ASSETS, Math.rint(totalAssets));
            lines.put(LineItem.CURRENT_ASSETS, Math.rint(currentAssets));
            lines.put(LineItem.CURRENT_LIABILITIES, Math.rint(currentLiabilities));
            lines.put(LineItem.TOTAL_DEBT, Math.rint(totalDebt));
            lines.put(LineItem.LONG_TERM_DEBT, Math.rint(totalDebt * 0.8));
            lines.put(LineItem.TOTAL_LIABILITIES, Math.rint(totalLiabilities));
            lines.put(LineItem.STOCKHOLDERS_EQUITY, Math.rint(totalAssets) - Math.rint(totalLiabilities));
            lines.put(LineItem.RETAINED_EARNINGS, Math.rint((totalAssets - totalLiabilities) * retainedShare));
            lines.put(LineItem.WORKING_CAPITAL, Math.rint(currentAssets) - Math.rint(currentLiabilities));
            lines.put(LineItem.ORDINARY_SHARES_NUMBER, Math.rint(shares));
            lines.put(LineItem.DILUTED_AVERAGE_SHARES, Math.rint(shares * 1.01));
            lines.put(LineItem.TOTAL_REVENUE, Math.rint(revenue));
            lines.put(LineItem.GROSS_PROFIT, Math.rint(grossProfit));
            lines.put(LineItem.EBIT, Math.rint(ebit));
            lines.put(LineItem.NET_INCOME, Math.rint(netIncome));
            lines.put(LineItem.OPERATING_CASH_FLOW, Math.rint(operatingCashFlow));
            return lines;
        }
    }

    /** A symbol's trading days in a window, walked from its listing, with every split and dividend since then. */
    private static final class Walk {

        /**
         * @param splitFactor shares per share held at the listing: close × splitFactor is comparable over time
         */
        record Day(DailyBar bar, double splitFactor) {}

        final List<Day> days = new ArrayList<>();
        final List<Dividend> dividends = new ArrayList<>();
        final List<Split> splits = new ArrayList<>();
        private final LocalDate keepFrom;

        /** The split factor on a calibrated profile's stated date (which may lie outside the window). */
        double anchorSplitFactor = 1;

        /** A walk that keeps the days from {@code keepFrom}: every bar is fixed by the walk from the listing. */
        Walk(LocalDate keepFrom) {
            this.keepFrom = keepFrom;
        }

        /**
         * A day's bar from yesterday's price in today's shares and today's close: the open near the first, the range
         * around both, and more volume on a bigger surprise (the day's move in daily standard deviations).
         */
        void trade(
                LocalDate date,
                double reference,
                double close,
                double surprise,
                double volume,
                double dailyVolatility,
                double splitFactor,
                double adjustment,
                SplittableRandom random) {
            double open = quote(reference * Math.exp(0.3 * dailyVolatility * random.nextGaussian()));
            double high =
                    quote(Math.max(open, close) * Math.exp(0.5 * dailyVolatility * Math.abs(random.nextGaussian())));
            double low =
                    quote(Math.min(open, close) * Math.exp(-0.5 * dailyVolatility * Math.abs(random.nextGaussian())));
            long shares = Math.round(volume * Math.exp(0.3 * random.nextGaussian()) * (1 + 0.5 * Math.abs(surprise)));
            // Adjusting by splits and dividends since the listing keeps every bar's adj_close fixed as time goes on.
            double adjClose = round(close * splitFactor * adjustment, 6);
            if (!date.isBefore(keepFrom)) {
                days.add(new Day(new DailyBar(date, open, high, low, close, adjClose, shares), splitFactor));
            }
        }

        /** Ex-dividend on the first trading day on or after the 10th of February, May, August and November. */
        static boolean isExDividendDay(LocalDate previous, LocalDate date) {
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
