-- Technical logs of every service (WARN and above by default). Runs on MySQL 8 and MariaDB 10.11.
-- Times are UTC, millisecond precision, written by log-srv as text (the JDBC session time zone plays no part).

CREATE TABLE logs (
    id          CHAR(36)     NOT NULL,
    timestamp   DATETIME(3)  NOT NULL,
    level       VARCHAR(5)   NOT NULL,
    level_rank  TINYINT      NOT NULL,
    module      VARCHAR(64)  NOT NULL,
    user_id     VARCHAR(128) NULL,
    session_id  VARCHAR(128) NULL,
    task_id     VARCHAR(64)  NULL,
    message     TEXT         NOT NULL,
    metadata    JSON         NOT NULL,
    created_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    INDEX idx_logs_time (timestamp),
    INDEX idx_logs_level (level_rank, timestamp),
    INDEX idx_logs_module (module, timestamp),
    INDEX idx_logs_task (task_id, timestamp),
    INDEX idx_logs_session (session_id, timestamp),
    INDEX idx_logs_user (user_id, timestamp)
);

-- Stream entries that are not log records: kept with their reason, so that they never block the stream.
CREATE TABLE rejected_records (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    entry_id    VARCHAR(64)  NOT NULL,
    fields      JSON         NOT NULL,
    reason      TEXT         NOT NULL,
    created_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_rejected_records_entry (entry_id)
);
