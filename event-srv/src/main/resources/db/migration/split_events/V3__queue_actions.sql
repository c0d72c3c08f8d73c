-- What operators did to whole queues (pause, resume), with who and why: the journal of actions that are no task's.
CREATE TABLE queue_actions (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    queue       VARCHAR(64)  NOT NULL,
    action      VARCHAR(32)  NOT NULL,
    actor       VARCHAR(64)  NOT NULL,
    reason      VARCHAR(500) NULL,
    occurred_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    INDEX idx_queue_actions_queue (queue, occurred_at)
);
