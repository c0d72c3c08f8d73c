-- Each portfolio's daily refresh, where someone set it: a portfolio without a row has the default (on for the users
-- of split.portfolio.daily-refresh.on-by-default-for, at split.portfolio.daily-refresh.at). at_time is local to
-- split.portfolio.daily-refresh.zone; NULL is the default time.
CREATE TABLE daily_refreshes (
    portfolio_id BIGINT      NOT NULL,
    enabled      BOOLEAN     NOT NULL,
    at_time      CHAR(5)     NULL,
    updated_by   VARCHAR(64) NOT NULL,
    updated_at   DATETIME(3) NOT NULL,
    PRIMARY KEY (portfolio_id),
    CONSTRAINT fk_daily_refreshes_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id)
);
