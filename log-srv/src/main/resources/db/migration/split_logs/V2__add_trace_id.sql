-- The W3C trace id of a record logged within a span (issue 20, tracing): from its traceparent, or from the MDC's
-- traceId. Older records have none.

ALTER TABLE logs
    ADD COLUMN trace_id CHAR(32) NULL AFTER task_id,
    ADD INDEX idx_logs_trace (trace_id, timestamp);
