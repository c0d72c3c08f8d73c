-- Puts tasks back on the ready list of their priority for a new attempt, from outside the workers: a dead letter requeued, a finished
-- task replayed, a task the journal knows but Redis lost. Each goes with its task_retried (carrying the reason) and
-- task_queued events. A requeue fenced by a dead-letter record happens only if this call removes that record, so a
-- dead letter requeued twice at once runs once.
--
-- KEYS[1]  ready list, high     split:{Q}:ready:high
-- KEYS[2]  ready list, normal   split:{Q}:ready
-- KEYS[3]  ready list, low      split:{Q}:ready:low
-- KEYS[4]  events stream        split:{Q}:events
-- KEYS[5]  dead-letter list     split:{Q}:dead
-- ARGV     for each task: fence (the dead-letter record to remove, or '' for none), its ready list (1, 2 or 3: the
--            index in KEYS), envelope,
--            n, the n field/value strings of task_retried, m, the m field/value strings of task_queued
-- Returns: for each task, 1 if it was requeued, 0 if its fence was gone.
local requeued = {}
local i = 1
while i <= #ARGV do
    local fence, ready, envelope = ARGV[i], KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2]
    local retried_count = tonumber(ARGV[i + 3])
    local retried_at = i + 4
    local queued_count = tonumber(ARGV[retried_at + retried_count])
    local queued_at = retried_at + retried_count + 1
    i = queued_at + queued_count
    if fence == '' or redis.call('LREM', KEYS[5], 1, fence) == 1 then
        redis.call('LPUSH', ready, envelope)
        redis.call('XADD', KEYS[4], '*', unpack(ARGV, retried_at, retried_at + retried_count - 1))
        redis.call('XADD', KEYS[4], '*', unpack(ARGV, queued_at, queued_at + queued_count - 1))
        requeued[#requeued + 1] = 1
    else
        requeued[#requeued + 1] = 0
    end
end
return requeued
