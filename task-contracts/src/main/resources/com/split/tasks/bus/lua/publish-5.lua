-- Publishes tasks to one queue. Each task goes onto the ready list of its priority (or, when scheduled, into the
-- delayed set) together with its task_created and task_queued events, so a task never exists on the bus without its
-- journal trail.
--
-- KEYS[1]   ready list, high     split:{Q}:ready:high
-- KEYS[2]   ready list, normal   split:{Q}:ready
-- KEYS[3]   ready list, low      split:{Q}:ready:low
-- KEYS[4]   events stream        split:{Q}:events
-- KEYS[5]   delayed set          split:{Q}:delayed
-- KEYS[6..] dedupe keys          split:{Q}:dedupe:<idempotency key>, one per task that has a key
-- ARGV[1]   number of tasks; then for each task:
--             envelope, task id, its ready list (1, 2 or 3: the index in KEYS), due time in epoch ms (0: ready now),
--             index of its dedupe key in KEYS (0: none), dedupe TTL in ms,
--             n, the n field/value strings of task_created,
--             m, the m field/value strings of task_queued (m is 0 for a scheduled task)
-- Returns:  for each task, the id of the task that stands: its own, or for a duplicate idempotency key the id of the
--           task first published with it (then nothing is written).
local result = {}
local i = 2
for t = 1, tonumber(ARGV[1]) do
    local envelope, task_id, ready, due = ARGV[i], ARGV[i + 1], KEYS[tonumber(ARGV[i + 2])], tonumber(ARGV[i + 3])
    local dedupe, ttl = tonumber(ARGV[i + 4]), ARGV[i + 5]
    local created_count = tonumber(ARGV[i + 6])
    local created_at = i + 7
    local queued_count = tonumber(ARGV[created_at + created_count])
    local queued_at = created_at + created_count + 1
    i = queued_at + queued_count

    local original = false
    if dedupe > 0 and not redis.call('SET', KEYS[dedupe], task_id, 'NX', 'PX', ttl) then
        original = redis.call('GET', KEYS[dedupe])
    end
    if original then
        result[t] = original
    else
        if due > 0 then
            redis.call('ZADD', KEYS[5], due, envelope)
        else
            redis.call('LPUSH', ready, envelope)
        end
        redis.call('XADD', KEYS[4], '*', unpack(ARGV, created_at, created_at + created_count - 1))
        if queued_count > 0 then
            redis.call('XADD', KEYS[4], '*', unpack(ARGV, queued_at, queued_at + queued_count - 1))
        end
        result[t] = task_id
    end
end
return result
