-- The task journal. Runs on MySQL 8 and MariaDB 10.11 (JSON is LONGTEXT + json_valid on MariaDB).
-- Times are UTC, millisecond precision, written by event-srv (the JDBC session time zone plays no part).

-- Append-only history: one row per lifecycle event, idempotent on event_id.
CREATE TABLE events_log (
    event_id      CHAR(36)     NOT NULL,
    task_id       CHAR(36)     NOT NULL,
    user_id       VARCHAR(128) NULL,
    session_id    VARCHAR(128) NULL,
    event_type    VARCHAR(32)  NOT NULL,
    source_module VARCHAR(64)  NULL,
    target_module VARCHAR(64)  NULL,
    status        VARCHAR(16)  NULL,
    attempt       INT          NULL,
    worker_id     VARCHAR(255) NULL,
    payload       JSON         NOT NULL,
    occurred_at   DATETIME(3)  NOT NULL,
    created_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (event_id),
    INDEX idx_events_log_task (task_id, occurred_at),
    INDEX idx_events_log_session (session_id)
);

-- Current state of each task. status moves forward only: see JournalRepository for the ordering rule.
-- status and status_at are null while only task_business_result events are known.
CREATE TABLE tasks (
    task_id        CHAR(36)     NOT NULL,
    task_type      VARCHAR(64)  NULL,
    queue          VARCHAR(64)  NULL,
    user_id        VARCHAR(128) NULL,
    session_id     VARCHAR(128) NULL,
    status         VARCHAR(16)  NULL,
    status_rank    INT          NULL,
    status_attempt INT          NULL,
    status_at      DATETIME(3)  NULL,
    attempts       INT          NOT NULL DEFAULT 0,
    envelope       JSON         NULL,
    last_error     TEXT         NULL,
    last_error_at  DATETIME(3)  NULL,
    created_at     DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at     DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (task_id),
    INDEX idx_tasks_status (status),
    INDEX idx_tasks_queue_status (queue, status),
    INDEX idx_tasks_session (session_id),
    INDEX idx_tasks_user (user_id),
    INDEX idx_tasks_created (created_at)
);

-- Stream entries that could not be read as events: kept with their reason, so that they never block a stream.
CREATE TABLE rejected_events (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    queue       VARCHAR(64)  NOT NULL,
    entry_id    VARCHAR(64)  NOT NULL,
    fields      JSON         NOT NULL,
    reason      TEXT         NOT NULL,
    created_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_rejected_events_entry (queue, entry_id)
);
