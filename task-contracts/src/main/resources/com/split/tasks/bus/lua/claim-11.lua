-- Claims up to N tasks for one worker: each is moved from the tail of a ready list (oldest first) to the worker's
-- processing list with its task_received event. Each task comes from the highest priority that has tasks waiting,
-- unless a lower one has been passed over `ratio` times in a row while it had tasks waiting: then it has the turn
-- (normal before low, when both are due). The counts of passes are kept in Redis, so the ratio holds across every
-- worker of the queue. A task with a live cancellation request is dropped instead, with task_cancelled. An envelope
-- whose task id cannot be read is still claimed, without an event: the worker dead-letters it with the reason. A
-- worker that claimed anything is (re)listed among the live workers with the server's clock, so a worker the reaper
-- forgot while it was paused is watched again from its first claim, not its next heartbeat. A paused queue gives
-- nothing: the answer is {-1}, so that the worker waits out its poll rather than for work that is there. A
-- rate-limited queue gives at most the tokens its bucket holds (tasks per period, as deep as one period's worth,
-- refilled continuously by Redis's clock, shared by every worker); with none, the answer is {-2, ms until the next
-- token}. A queue with a cap on the tasks its workers hold gives no more than the cap leaves, counting the processing
-- lists of every worker listed; at the cap, the answer is {-3}.
--
-- KEYS[1]  ready list, high                split:{Q}:ready:high
-- KEYS[2]  ready list, normal              split:{Q}:ready
-- KEYS[3]  ready list, low                 split:{Q}:ready:low
-- KEYS[4]  this worker's processing list   split:{Q}:processing:<worker id>
-- KEYS[5]  events stream                   split:{Q}:events
-- KEYS[6]  cancellation requests           split:{Q}:cancelled (task id -> expiry, epoch ms)
-- KEYS[7]  live workers                    split:{Q}:workers (worker id -> last heartbeat, epoch ms)
-- KEYS[8]  notice outbox                   split:{Q}:outbox (a dropped task's ending, when it has a reply_to)
-- KEYS[9]  pause                           split:{Q}:paused (who paused it, when and why, as JSON), absent unless paused
-- KEYS[10] rate-limit bucket               split:{Q}:rate ("<tokens> <at ms>"), used only with a rate limit
-- KEYS[11] passes over the lower levels    split:{Q}:passed-over ("<normal> <low>"), absent until one is first passed over
-- ARGV[1]  worker id
-- ARGV[2]  N, the worker's free slots
-- ARGV[3]  now, epoch ms
-- ARGV[4]  now, ISO-8601 (occurred_at of the events)
-- ARGV[5]  envelope size limit in bytes: larger envelopes are not decoded here
-- ARGV[6]  event id prefix: a fresh UUID without its last 4 hex digits; the n-th event's id ends in %04x of n
-- ARGV[7]  rate limit: tasks per period, 0 for none
-- ARGV[8]  rate limit: the period in ms
-- ARGV[9]  the most tasks all the queue's workers may hold, 0 for no cap
-- ARGV[10] the priority ratio: the most claims in a row that pass over a lower level while it has tasks waiting
-- Returns: the claimed envelopes, in the order taken; {-1} when the queue is paused; {-2, ms} when its rate limit
-- allows nothing yet; {-3} when its workers hold as many tasks as its cap.
if redis.call('GET', KEYS[9]) then
    return {-1}
end
local wanted = tonumber(ARGV[2])
local cap = tonumber(ARGV[9])
if cap > 0 then
    -- every worker's processing list: KEYS[4] less this worker's id, then each listed worker's id (one slot: {Q})
    local processing = string.sub(KEYS[4], 1, #KEYS[4] - #ARGV[1])
    local held = 0
    for _, worker in ipairs(redis.call('ZRANGE', KEYS[7], 0, -1)) do
        held = held + redis.call('LLEN', processing .. worker)
    end
    if held >= cap then
        return {-3}
    end
    wanted = math.min(wanted, cap - held)
end
local rate, period = tonumber(ARGV[7]), tonumber(ARGV[8])
local tokens, clock
if rate > 0 then
    local time = redis.call('TIME')
    clock = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
    local bucket = redis.call('GET', KEYS[10])
    tokens = rate
    if bucket then
        local held, at = string.match(bucket, '^(%S+) (%S+)$')
        tokens = math.min(rate, tonumber(held) + math.max(0, clock - tonumber(at)) * rate / period)
    end
    if tokens < 1 then
        return {-2, math.ceil((1 - tokens) * period / rate)}
    end
    wanted = math.min(wanted, math.floor(tokens))
end
local claimed = {}
local now = tonumber(ARGV[3])
local any_cancelled = redis.call('ZCARD', KEYS[6]) > 0
local limit = tonumber(ARGV[5])

local function scalar(value)
    local kind = type(value)
    if kind == 'string' or kind == 'number' then
        return tostring(value)
    end
    return nil
end

-- waiting[level] and passed[level] of levels 1 (high), 2 (normal) and 3 (low); high is never passed over
local waiting = {redis.call('LLEN', KEYS[1]), redis.call('LLEN', KEYS[2]), redis.call('LLEN', KEYS[3])}
local passed = {0, 0, 0}
local stored = redis.call('GET', KEYS[11])
if stored then
    local normal, low = string.match(stored, '^(%d+) (%d+)$')
    passed[2], passed[3] = tonumber(normal) or 0, tonumber(low) or 0
end
local before = passed[2] .. ' ' .. passed[3]
local ratio = tonumber(ARGV[10])

local function next_level()
    for level = 2, 3 do
        if waiting[level] > 0 and passed[level] >= ratio then
            return level
        end
    end
    for level = 1, 3 do
        if waiting[level] > 0 then
            return level
        end
    end
    return nil
end

for n = 1, wanted do
    local level = next_level()
    if not level then
        break
    end
    waiting[level] = waiting[level] - 1
    passed[level] = 0
    for lower = level + 1, 3 do
        passed[lower] = waiting[lower] > 0 and passed[lower] + 1 or 0
    end
    local envelope = redis.call('RPOP', KEYS[level])
    local task_id, task_type, attempt, task
    if #envelope <= limit then
        local ok, decoded = pcall(cjson.decode, envelope)
        if ok and type(decoded) == 'table' then
            task = decoded
            task_id, task_type, attempt = scalar(task.task_id), scalar(task.task_type), scalar(task.attempt)
        end
    end
    local event = {'event_id', ARGV[6] .. string.format('%04x', n), 'event_type', 'task_received', 'task_id', task_id}
    if task_id and any_cancelled and (tonumber(redis.call('ZSCORE', KEYS[6], task_id)) or 0) > now then
        event[4] = 'task_cancelled'
        record_cancelled(KEYS[8], task, envelope)
    else
        redis.call('LPUSH', KEYS[4], envelope)
        claimed[#claimed + 1] = envelope
    end
    if task_id then
        if task_type then
            event[#event + 1] = 'task_type'
            event[#event + 1] = task_type
        end
        if attempt then
            event[#event + 1] = 'attempt'
            event[#event + 1] = attempt
        end
        event[#event + 1] = 'worker_id'
        event[#event + 1] = ARGV[1]
        event[#event + 1] = 'occurred_at'
        event[#event + 1] = ARGV[4]
        redis.call('XADD', KEYS[5], '*', unpack(event))
    end
end
-- a string, not a hash: GET and SET are what every service's Redis user may already send
local after = passed[2] .. ' ' .. passed[3]
if after ~= before then
    redis.call('SET', KEYS[11], after)
end
if rate > 0 then
    -- %.17g: the fraction of a token carries over exactly; the bucket outlives an idle period only by one more
    redis.call('SET', KEYS[10], string.format('%.17g %.17g', tokens - #claimed, clock), 'PX', 2 * period)
end
if #claimed > 0 then
    local time = redis.call('TIME')
    -- GT: a heartbeat never moves back, should the clock of a promoted replica be behind.
    redis.call('ZADD', KEYS[7], 'GT', tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000), ARGV[1])
end
return claimed
