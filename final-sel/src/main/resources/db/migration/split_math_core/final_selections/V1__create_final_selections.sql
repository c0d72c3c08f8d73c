-- split_math_core.final_selections: final-sel's Buy / Hold / Sell decisions and weights, one row per session and
-- ticker. Runs on MySQL 8 and MariaDB 10.11. init-filter owns initial_filtration in the same schema, with its own
-- Flyway history table.
-- created_at and updated_at hold UTC, written as text by the service; created_at keeps the session's first run.
-- inputs_digest is the SHA-256 of every input of the session's selection (the same on each of its rows): a rerun whose
-- inputs have not changed writes nothing.

CREATE TABLE final_selections (
    rec_id         BIGINT       NOT NULL AUTO_INCREMENT,
    user_id        VARCHAR(64)  NOT NULL,
    session_id     VARCHAR(128) NOT NULL,
    ticker         VARCHAR(16)  NOT NULL,
    final_decision VARCHAR(4)   NOT NULL,
    -- the composite in [0, 1]; NULL for a ticker that was not scored (it did not pass the initial filter)
    score          DOUBLE       NULL,
    -- the share of the portfolio; 0 for Hold and Sell
    weight         DOUBLE       NOT NULL,
    reasons_json   JSON         NOT NULL,
    inputs_digest  VARCHAR(64)  NOT NULL,
    created_at     DATETIME(3)  NOT NULL,
    updated_at     DATETIME(3)  NOT NULL,
    PRIMARY KEY (rec_id),
    UNIQUE KEY uq_final_selections_session_ticker (session_id, ticker),
    -- the previous decision of a user for a ticker (hysteresis)
    KEY ix_final_selections_user_ticker (user_id, ticker, created_at),
    CONSTRAINT ck_final_selections_decision CHECK (final_decision IN ('BUY', 'HOLD', 'SELL')),
    CONSTRAINT ck_final_selections_weight CHECK (weight >= 0 AND weight <= 1)
);
