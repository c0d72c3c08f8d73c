package com.split.yahoo.market;

/**
 * The annual statement lines a Piotroski F-score and an Altman Z need, under Yahoo's fundamentals-timeseries names
 * ({@code annualTotalAssets} is {@code TotalAssets}), which is how they are stored.
 */
public enum LineItem {
    TOTAL_ASSETS("TotalAssets"),
    CURRENT_ASSETS("CurrentAssets"),
    CURRENT_LIABILITIES("CurrentLiabilities"),
    TOTAL_DEBT("TotalDebt"),
    LONG_TERM_DEBT("LongTermDebt"),
    STOCKHOLDERS_EQUITY("StockholdersEquity"),
    RETAINED_EARNINGS("RetainedEarnings"),
    WORKING_CAPITAL("WorkingCapital"),
    TOTAL_LIABILITIES("TotalLiabilitiesNetMinorityInterest"),
    ORDINARY_SHARES_NUMBER("OrdinarySharesNumber"),
    TOTAL_REVENUE("TotalRevenue"),
    GROSS_PROFIT("GrossProfit"),
    NET_INCOME("NetIncome"),
    EBIT("EBIT"),
    OPERATING_CASH_FLOW("OperatingCashFlow"),
    DILUTED_AVERAGE_SHARES("DilutedAverageShares");

    private final String key;

    LineItem(String key) {
        this.key = key;
    }

    /** The stored name. */
    public String key() {
        return key;
    }
}
