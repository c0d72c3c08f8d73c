-- Moves due tasks from the delayed set to the ready list with task_queued; a task with a live cancellation request is
-- dropped with task_cancelled. Also forgets expired cancellation requests. Safe to run from many workers at once.
--
-- KEYS[1]  delayed set             split:{Q}:delayed (envelope -> due time, epoch ms)
-- KEYS[2]  ready list              split:{Q}:ready
-- KEYS[3]  events stream           split:{Q}:events
-- KEYS[4]  cancellation requests   split:{Q}:cancelled
-- KEYS[5]  notice outbox           split:{Q}:outbox (a dropped task's ending, when it has a reply_to)
-- ARGV[1]  now, epoch ms
-- ARGV[2]  now, ISO-8601
-- ARGV[3]  N, the most tasks to move
-- ARGV[4]  event id prefix: a fresh UUID without its last 4 hex digits; the n-th event's id ends in %04x of n
-- Returns: the number of tasks taken from the delayed set.
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[1])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for n, envelope in ipairs(due) do
    redis.call('ZREM', KEYS[1], envelope)
    local task_id, task_type, attempt
    local ok, task = pcall(cjson.decode, envelope)
    if ok and type(task) == 'table' and type(task.task_id) == 'string' then
        task_id, task_type, attempt = task.task_id, task.task_type, task.attempt
    end
    local event_type = 'task_queued'
    if task_id and redis.call('ZSCORE', KEYS[4], task_id) then
        event_type = 'task_cancelled'
        record_cancelled(KEYS[5], task, envelope)
    else
        redis.call('LPUSH', KEYS[2], envelope)
    end
    if task_id then
        local event = {'event_id', ARGV[4] .. string.format('%04x', n), 'event_type', event_type, 'task_id', task_id,
                       'occurred_at', ARGV[2]}
        if type(task_type) == 'string' then
            event[#event + 1] = 'task_type'
            event[#event + 1] = task_type
        end
        if type(attempt) == 'number' then
            event[#event + 1] = 'attempt'
            event[#event + 1] = tostring(attempt)
        end
        redis.call('XADD', KEYS[3], '*', unpack(event))
    end
end
return #due
