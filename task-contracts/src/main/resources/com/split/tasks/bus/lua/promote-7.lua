-- Moves due tasks from the delayed set to the ready list of their priority (the envelope's, read here since it is
-- decoded anyway; an envelope without a readable one is normal) with task_queued; a task with a live cancellation
-- request is dropped with task_cancelled. Also forgets expired cancellation requests. Safe to run from many workers at
-- once.
--
-- KEYS[1]  ready list, high        split:{Q}:ready:high
-- KEYS[2]  ready list, normal      split:{Q}:ready
-- KEYS[3]  ready list, low         split:{Q}:ready:low
-- KEYS[4]  delayed set             split:{Q}:delayed (envelope -> due time, epoch ms)
-- KEYS[5]  events stream           split:{Q}:events
-- KEYS[6]  cancellation requests   split:{Q}:cancelled
-- KEYS[7]  notice outbox           split:{Q}:outbox (a dropped task's ending, when it has a reply_to)
-- ARGV[1]  now, epoch ms
-- ARGV[2]  now, ISO-8601
-- ARGV[3]  N, the most tasks to move
-- ARGV[4]  event id prefix: a fresh UUID without its last 4 hex digits; the n-th event's id ends in %04x of n
-- Returns: the number of tasks taken from the delayed set.
local levels = {high = 1, low = 3}
redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', ARGV[1])
local due = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for n, envelope in ipairs(due) do
    redis.call('ZREM', KEYS[4], envelope)
    local task_id, task_type, attempt
    local level = 2
    local ok, task = pcall(cjson.decode, envelope)
    if ok and type(task) == 'table' then
        if type(task.task_id) == 'string' then
            task_id, task_type, attempt = task.task_id, task.task_type, task.attempt
        end
        level = levels[task.priority] or 2
    end
    local event_type = 'task_queued'
    if task_id and redis.call('ZSCORE', KEYS[6], task_id) then
        event_type = 'task_cancelled'
        record_cancelled(KEYS[7], task, envelope)
    else
        redis.call('LPUSH', KEYS[level], envelope)
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
        redis.call('XADD', KEYS[5], '*', unpack(event))
    end
end
return #due
