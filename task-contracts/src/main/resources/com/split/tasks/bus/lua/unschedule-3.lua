-- Withdraws a scheduled task that is not due yet: removes it from the delayed set and appends its task_cancelled
-- event, so the journal shows it ended now rather than PENDING until its due time.
--
-- KEYS[1]   delayed set     split:{Q}:delayed
-- KEYS[2]   events stream   split:{Q}:events
-- KEYS[3]   notice outbox   split:{Q}:outbox (its ending, when it has a reply_to)
-- ARGV[1]   the due time it was scheduled for, epoch ms: only members with exactly that score are looked at
-- ARGV[2]   the task id as the envelope writes it: "task_id":"<uuid>"
-- ARGV[3]   n, then ARGV[4..] the n field/value strings of task_cancelled
-- Returns:  1 when the task was withdrawn, 0 when it was not waiting there (already promoted, run or withdrawn)
local due = ARGV[1]
for _, envelope in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], due, due)) do
    if string.find(envelope, ARGV[2], 1, true) then
        redis.call('ZREM', KEYS[1], envelope)
        redis.call('XADD', KEYS[2], '*', unpack(ARGV, 4, 3 + tonumber(ARGV[3])))
        local ok, task = pcall(cjson.decode, envelope)
        if ok then
            record_cancelled(KEYS[3], task, envelope)
        end
        return 1
    end
end
return 0
