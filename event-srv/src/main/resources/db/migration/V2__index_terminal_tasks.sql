-- For the retention (split.events.retention.*): terminal tasks by the time of their status, rejected entries by age.
CREATE INDEX idx_tasks_terminal ON tasks (status_rank, status_at);
CREATE INDEX idx_rejected_events_created ON rejected_events (created_at);
