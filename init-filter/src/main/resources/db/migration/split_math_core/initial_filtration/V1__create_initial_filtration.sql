-- split_math_core.initial_filtration: init-filter's result for each ticker of a session. Runs on MySQL 8 and
-- MariaDB 10.11. final-sel reads it (read-only); final_selections, in the same schema, has its own migrations and
-- history table.
-- DATETIME(3) columns hold UTC, written as text by the service. utf8mb4 whatever the server's default: the reasons
-- hold mathematical signs.

CREATE TABLE initial_filtration (
    result_id        CHAR(36)      NOT NULL,
    user_id          VARCHAR(128)  NOT NULL,
    session_id       VARCHAR(128)  NOT NULL,
    ticker           VARCHAR(16)   NOT NULL,
    -- the weighted mean of the sub-scores, in [0, 1]
    normalized_score DECIMAL(5, 4) NOT NULL,
    -- TRUE when no gate failed and one passed, FALSE when one failed, NULL when none could be judged (nothing stored)
    passed           BOOLEAN       NULL,
    -- gates, F-score, Altman flag, metrics, sub-scores and reasons (layout version 1, see the README)
    reasons_json     JSON          NOT NULL,
    -- SHA-256 of exactly what the row was computed from (data, settings, rules): a rerun with the same digest
    -- writes nothing
    inputs_digest    CHAR(64)      NOT NULL,
    created_at       DATETIME(3)   NOT NULL,
    updated_at       DATETIME(3)   NOT NULL,
    PRIMARY KEY (result_id),
    UNIQUE KEY uk_initial_filtration_session_ticker (session_id, ticker)
) DEFAULT CHARSET = utf8mb4;
