-- Takes back the tasks a worker holds: each goes to the ready list for its next attempt, or to the dead-letter list
-- when it has no attempt left, with its event; once the processing list is empty the worker is forgotten. The reaper
-- runs it for a worker whose heartbeat is older than the lease; a worker shutting down runs it on itself for the tasks
-- it could not finish in its grace period, and a live worker for tasks claimed by a call whose reply was lost. Each move is fenced by LREM, so concurrent reapers move a task once.
--
-- KEYS[1]  the worker's processing list   split:{Q}:processing:<worker id>
-- KEYS[2]  ready list                     split:{Q}:ready
-- KEYS[3]  dead-letter list               split:{Q}:dead
-- KEYS[4]  events stream                  split:{Q}:events
-- KEYS[5]  live workers                   split:{Q}:workers (worker id -> last heartbeat, epoch ms)
-- KEYS[6]  notice outbox                   split:{Q}:outbox
-- ARGV[1]  worker id
-- ARGV[2]  heartbeat cutoff, epoch ms: if the worker beat after it, it is alive and nothing happens ('+inf': always)
-- ARGV[3]  '1' to forget the worker once its processing list is empty, '0' to keep it (a live worker recovering
--          tasks whose claim reply it never got)
-- ARGV[4..] for each task: op ('R' requeue | 'D' dead-letter), envelope, target (next envelope | dead-letter record),
--           notice ('' for none: pushed onto the outbox when moved), n, then n event field/value strings
-- Returns: the number of tasks moved, or -1 if the worker is alive.
local beat = tonumber(redis.call('ZSCORE', KEYS[5], ARGV[1]))
if beat and ARGV[2] ~= '+inf' and beat > tonumber(ARGV[2]) then
    return -1
end
local moved = 0
local i = 4
while i <= #ARGV do
    local op, envelope, target, notice, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], tonumber(ARGV[i + 4])
    local first, last = i + 5, i + 4 + n
    i = last + 1
    if redis.call('LREM', KEYS[1], 1, envelope) == 1 then
        if op == 'R' then
            redis.call('LPUSH', KEYS[2], target)
        else
            redis.call('LPUSH', KEYS[3], target)
        end
        if n > 0 then
            redis.call('XADD', KEYS[4], '*', unpack(ARGV, first, last))
        end
        if notice ~= '' then
            redis.call('LPUSH', KEYS[6], notice)
        end
        moved = moved + 1
    end
end
if ARGV[3] == '1' and redis.call('LLEN', KEYS[1]) == 0 then
    redis.call('ZREM', KEYS[5], ARGV[1])
end
return moved
