-- Settles a batch of one worker's tasks and appends the events that move nothing (task_started, task_progress,
-- task_business_result), so that one round trip serves many concurrent tasks. Each settlement is fenced by LREM on the
-- worker's processing list: a task that is no longer there (the reaper gave it to another worker) is neither moved
-- nor journalled again. An ending of a task with a reply_to records its notice in the outbox under the same fence,
-- so a worker that lost the task tells nobody it ended.
--
-- KEYS[1]  this worker's processing list   split:{Q}:processing:<worker id>
-- KEYS[2]  events stream                   split:{Q}:events
-- KEYS[3]  delayed set                     split:{Q}:delayed
-- KEYS[4]  dead-letter list                split:{Q}:dead
-- KEYS[5]  notice outbox                   split:{Q}:outbox
-- ARGV     a sequence of operations, each: op, envelope, target, score, notice ('' for none: pushed onto the outbox
--          when applied), n, then n event field/value strings
--            op 'E'  append the event; envelope, target and score are empty
--            op 'A'  remove the envelope; append the event (succeeded, no data, cancelled, timeout)
--            op 'R'  remove the envelope; add target (the next attempt's envelope) to delayed, due at score (epoch ms)
--            op 'D'  remove the envelope; push target (the dead-letter record) onto dead; n may be 0 (no task id)
-- Returns: for each operation, 1 if it was applied, 0 if the worker no longer held the task.
local applied = {}
local i = 1
while i <= #ARGV do
    local op, envelope, target, score, notice = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
    local n = tonumber(ARGV[i + 5])
    local first, last = i + 6, i + 5 + n
    i = last + 1
    local held = op == 'E' or redis.call('LREM', KEYS[1], 1, envelope) == 1
    if held then
        if op == 'R' then
            redis.call('ZADD', KEYS[3], score, target)
        elseif op == 'D' then
            redis.call('LPUSH', KEYS[4], target)
        end
        journal_settlement(KEYS[2], KEYS[5], first, last, notice)
        applied[#applied + 1] = 1
    else
        applied[#applied + 1] = 0
    end
end
return applied
