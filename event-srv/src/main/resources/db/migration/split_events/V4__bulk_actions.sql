-- Bulk actions (requeue or delete of dead letters, cancel or replay by filter) are journalled beside pauses: what the
-- request selected and how many tasks it changed.
ALTER TABLE queue_actions
    ADD COLUMN filter   VARCHAR(1000) NULL AFTER reason,
    ADD COLUMN affected INT           NULL AFTER filter;
