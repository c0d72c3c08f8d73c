-- The dashboard's throughput (GET /api/tasks/throughput) counts final statuses per queue and minute: with queue and
-- status in the index, the window is one range read that never touches a row. It serves everything the index it
-- replaces served (the retention, completed_last_minute), which shares its first two columns.
CREATE INDEX idx_tasks_terminal_queue ON tasks (status_rank, status_at, queue, status);
DROP INDEX idx_tasks_terminal ON tasks;
