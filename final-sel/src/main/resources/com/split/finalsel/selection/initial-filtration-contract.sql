-- init-filter's split_math_core.initial_filtration, with the columns the cross-module contract fixes. init-filter's own
-- migration creates the real table; final-sel only reads it. This stand-in is for the selection benchmark and the
-- tests, which run without init-filter.
CREATE TABLE initial_filtration (
    result_id        BIGINT       NOT NULL AUTO_INCREMENT,
    user_id          VARCHAR(64)  NOT NULL,
    session_id       VARCHAR(128) NOT NULL,
    ticker           VARCHAR(16)  NOT NULL,
    normalized_score DOUBLE       NULL,
    passed           BOOLEAN      NOT NULL,
    reasons_json     JSON         NOT NULL,
    inputs_digest    VARCHAR(64)  NOT NULL,
    created_at       DATETIME(3)  NOT NULL,
    updated_at       DATETIME(3)  NOT NULL,
    PRIMARY KEY (result_id),
    UNIQUE KEY uq_initial_filtration_session_ticker (session_id, ticker)
);
