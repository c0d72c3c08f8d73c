package com.split.initfilter.screening;

/** The annual statement lines the F-score and Altman Z read, under the names yahoo-gateway stores them by. */
public enum Line {
    TOTAL_ASSETS("TotalAssets"),
    CURRENT_ASSETS("CurrentAssets"),
    CURRENT_LIABILITIES("CurrentLiabilities"),
    LONG_TERM_DEBT("LongTermDebt"),
    STOCKHOLDERS_EQUITY("StockholdersEquity"),
    RETAINED_EARNINGS("RetainedEarnings"),
    WORKING_CAPITAL("WorkingCapital"),
    TOTAL_LIABILITIES("TotalLiabilitiesNetMinorityInterest"),
    ORDINARY_SHARES_NUMBER("OrdinarySharesNumber"),
    DILUTED_AVERAGE_SHARES("DilutedAverageShares"),
    TOTAL_REVENUE("TotalRevenue"),
    GROSS_PROFIT("GrossProfit"),
    NET_INCOME("NetIncome"),
    EBIT("EBIT"),
    OPERATING_CASH_FLOW("OperatingCashFlow");

    private final String key;

    Line(String key) {
        this.key = key;
    }

    /** The stored name ({@code statement_lines.line}). */
    public String key() {
        return key;
    }
}
