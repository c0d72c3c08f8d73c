-- split_portfolios: portfolios, their tickers and changes, refresh runs with their steps and recommendations.
-- Runs on MySQL 8.4 and MariaDB 10.11. DATETIME(3) columns hold UTC: the service writes them as text (Connector/J
-- drops the milliseconds of LocalDateTime parameters on MariaDB) and the connection's time zone is UTC.

CREATE TABLE portfolios (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    user_id     VARCHAR(64)  NOT NULL,
    name        VARCHAR(100) NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    -- one name per owner: the default portfolio is seeded once, however many instances start together
    UNIQUE KEY uq_portfolios_owner_name (user_id, name)
);

CREATE TABLE portfolio_items (
    portfolio_id BIGINT      NOT NULL,
    symbol       VARCHAR(16) NOT NULL,
    added_at     DATETIME(3) NOT NULL,
    PRIMARY KEY (portfolio_id, symbol),
    CONSTRAINT fk_items_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id)
);

-- Append-only: who changed what, why and when.
CREATE TABLE portfolio_history (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    portfolio_id BIGINT        NOT NULL,
    user_id      VARCHAR(64)   NOT NULL,
    action       VARCHAR(16)   NOT NULL,
    symbol       VARCHAR(16)   NULL,
    reason       VARCHAR(500)  NULL,
    occurred_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_history_portfolio (portfolio_id, id),
    CONSTRAINT fk_history_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id)
);

-- user_id is the portfolio's owner (the refresh task's user_id), requested_by who asked for the run.
-- running_portfolio_id holds the portfolio only while the run is RUNNING, so the unique key allows one running run
-- per portfolio whatever the number of instances; NULLs do not collide.
CREATE TABLE runs (
    session_id           VARCHAR(64)   NOT NULL,
    portfolio_id         BIGINT        NOT NULL,
    user_id              VARCHAR(64)   NOT NULL,
    requested_by         VARCHAR(64)   NOT NULL,
    refresh_task_id      CHAR(36)      NOT NULL,
    tickers              JSON          NOT NULL,
    status               VARCHAR(16)   NOT NULL,
    reason               VARCHAR(1000) NULL,
    dropped              JSON          NULL,
    started_at           DATETIME(3)   NOT NULL,
    finished_at          DATETIME(3)   NULL,
    running_portfolio_id BIGINT GENERATED ALWAYS AS (CASE WHEN status = 'RUNNING' THEN portfolio_id END) STORED,
    PRIMARY KEY (session_id),
    UNIQUE KEY uq_runs_running (running_portfolio_id),
    KEY ix_runs_portfolio (portfolio_id, started_at),
    KEY ix_runs_status (status, started_at),
    CONSTRAINT fk_runs_portfolio FOREIGN KEY (portfolio_id) REFERENCES portfolios (id)
);

-- The latest run_progress of each step: a message with a lower sequence than the stored one changes nothing.
CREATE TABLE run_steps (
    session_id     VARCHAR(64) NOT NULL,
    step           VARCHAR(32) NOT NULL,
    state          VARCHAR(16) NOT NULL,
    tickers_total  INT         NOT NULL,
    tickers_done   INT         NOT NULL,
    tickers_failed INT         NOT NULL,
    started_at     DATETIME(3) NULL,
    finished_at    DATETIME(3) NULL,
    task_ids       JSON        NOT NULL,
    dropped        JSON        NOT NULL,
    sequence       BIGINT      NOT NULL,
    updated_at     DATETIME(3) NOT NULL,
    PRIMARY KEY (session_id, step),
    CONSTRAINT fk_steps_run FOREIGN KEY (session_id) REFERENCES runs (session_id)
);

CREATE TABLE recommendations (
    session_id VARCHAR(64)   NOT NULL,
    ticker     VARCHAR(16)   NOT NULL,
    decision   VARCHAR(8)    NOT NULL,
    score      DOUBLE        NULL,
    weight     DOUBLE        NOT NULL,
    reasons    VARCHAR(2000) NOT NULL,
    PRIMARY KEY (session_id, ticker),
    CONSTRAINT fk_recommendations_run FOREIGN KEY (session_id) REFERENCES runs (session_id)
);
