-- split_stocks: what yahoo-gateway fetched. Runs on MySQL 8 and MariaDB 10.11.
-- Dates of bars and actions are exchange-local. DATETIME columns hold UTC: fetched_at is written as text by the
-- service, and the connection's time zone is UTC for updated_at.
-- updated_at moves only when an upsert changes a value (ON UPDATE fires on real changes), so a rerun that stores the
-- same data leaves it as it was.

CREATE TABLE tickers (
    symbol                  VARCHAR(16)  NOT NULL,
    name                    VARCHAR(200) NULL,
    exchange                VARCHAR(32)  NULL,
    currency                VARCHAR(8)   NULL,
    provider                VARCHAR(16)  NOT NULL,
    -- the last session whose final bar is stored: prices are current while it is the last closed session
    prices_through          DATE         NULL,
    prices_fetched_at       DATETIME(3)  NULL,
    fundamentals_as_of      DATE         NULL,
    fundamentals_fetched_at DATETIME(3)  NULL,
    updated_at              DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (symbol)
);

CREATE TABLE stock_prices (
    ticker      VARCHAR(16)    NOT NULL,
    date        DATE           NOT NULL,
    open        DECIMAL(19, 6) NOT NULL,
    high        DECIMAL(19, 6) NOT NULL,
    low         DECIMAL(19, 6) NOT NULL,
    close       DECIMAL(19, 6) NOT NULL,
    adj_close   DECIMAL(19, 6) NOT NULL,
    volume      BIGINT         NOT NULL,
    updated_at  DATETIME(3)    NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (ticker, date)
);

CREATE TABLE dividends (
    ticker      VARCHAR(16)    NOT NULL,
    ex_date     DATE           NOT NULL,
    amount      DECIMAL(19, 6) NOT NULL,
    updated_at  DATETIME(3)    NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (ticker, ex_date)
);

CREATE TABLE splits (
    ticker      VARCHAR(16) NOT NULL,
    date        DATE        NOT NULL,
    numerator   INT         NOT NULL,
    denominator INT         NOT NULL,
    updated_at  DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (ticker, date)
);

-- Ratios and margins are fractions; debt_to_equity is a ratio (1.69, not Yahoo's 169). NULL is unknown, not zero.
CREATE TABLE fundamentals (
    ticker              VARCHAR(16)    NOT NULL,
    as_of               DATE           NOT NULL,
    provider            VARCHAR(16)    NOT NULL,
    sector              VARCHAR(64)    NULL,
    industry            VARCHAR(128)   NULL,
    market_cap          DECIMAL(24, 2) NULL,
    trailing_pe         DOUBLE         NULL,
    forward_pe          DOUBLE         NULL,
    return_on_equity    DOUBLE         NULL,
    return_on_assets    DOUBLE         NULL,
    debt_to_equity      DOUBLE         NULL,
    current_ratio       DOUBLE         NULL,
    gross_margin        DOUBLE         NULL,
    operating_margin    DOUBLE         NULL,
    profit_margin       DOUBLE         NULL,
    operating_cash_flow DECIMAL(24, 2) NULL,
    free_cash_flow      DECIMAL(24, 2) NULL,
    shares_outstanding  DECIMAL(24, 2) NULL,
    average_volume      DECIMAL(24, 2) NULL,
    beta                DOUBLE         NULL,
    updated_at          DATETIME(3)    NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (ticker, as_of)
);

-- Annual statement lines under Yahoo's fundamentals-timeseries names (TotalAssets, NetIncome, ...).
CREATE TABLE statement_lines (
    ticker      VARCHAR(16)    NOT NULL,
    period_end  DATE           NOT NULL,
    line        VARCHAR(64)    NOT NULL,
    value       DECIMAL(24, 2) NOT NULL,
    updated_at  DATETIME(3)    NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (ticker, period_end, line)
);
