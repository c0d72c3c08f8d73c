-- Terminal tasks by the time of their status: the retention (split.events.retention.*) and the throughput of
-- GET /api/queues read them; rejected entries by age, for the retention.
CREATE INDEX idx_tasks_terminal ON tasks (status_rank, status_at);
CREATE INDEX idx_rejected_events_created ON rejected_events (created_at);
