-- Takes back the tasks a worker holds: each goes to the ready list of its priority for its next attempt, or to the dead-letter list
-- when it has no attempt left, with its event; once the processing list is empty the worker is forgotten. The reaper
-- runs it for a worker whose heartbeat is older than the lease; a worker shutting down runs it on itself for the tasks
-- -- it could not finish in its grace period, and a live worker for tasks claimed by a call whose reply was lost. Each
-- move is fenced by LREM, so concurrent reapers move a task once.
--
-- KEYS[1]  ready list, high               split:{Q}:ready:high
-- KEYS[2]  ready list, normal             split:{Q}:ready
-- KEYS[3]  ready list, low                split:{Q}:ready:low
-- KEYS[4]  dead-letter list               split:{Q}:dead
-- KEYS[5]  the worker's processing list   split:{Q}:processing:<worker id>
-- KEYS[6]  events stream                  split:{Q}:events
-- KEYS[7]  live workers                   split:{Q}:workers (worker id -> last heartbeat, epoch ms)
-- KEYS[8]  notice outbox                  split:{Q}:outbox
-- ARGV[1]  worker id
-- ARGV[2]  heartbeat cutoff, epoch ms: if the worker beat after it, it is alive and nothing happens ('+inf': always)
-- ARGV[3]  '1' to forget the worker once its processing list is empty, '0' to keep it (a live worker recovering
--          tasks whose claim reply it never got)
-- ARGV[4..] for each task: the list it goes to (1, 2, 3: requeued on a ready list | 4: dead-lettered; the index in KEYS),
--           envelope, target (next envelope | dead-letter record),
--           notice ('' for none: pushed onto the outbox when moved), n, then n event field/value strings
-- Returns: the number of tasks moved, or -1 if the worker is alive.
local beat = tonumber(redis.call('ZSCORE', KEYS[7], ARGV[1]))
if beat and ARGV[2] ~= '+inf' and beat > tonumber(ARGV[2]) then
    return -1
end
local moved = 0
local i = 4
while i <= #ARGV do
    local to, envelope, target, notice, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], tonumber(ARGV[i + 4])
    local first, last = i + 5, i + 4 + n
    i = last + 1
    if redis.call('LREM', KEYS[5], 1, envelope) == 1 then
        redis.call('LPUSH', KEYS[tonumber(to)], target)
        journal_settlement(KEYS[6], KEYS[8], first, last, notice)
        moved = moved + 1
    end
end
if ARGV[3] == '1' and redis.call('LLEN', KEYS[5]) == 0 then
    redis.call('ZREM', KEYS[7], ARGV[1])
end
return moved
