-- The join: records how one child of a run ended and says whether that ending completed the child's step. Counting
-- by child id makes duplicate notices and late retries of one child count once; the ending that completes the step
-- also marks it advancing, owned by the notice that carried it, so that of any number of racing notices exactly one
-- is told 'completed'.
--
-- KEYS[1]  run        <prefix>:{orchestrator_tasks}:run:<session id> (hash)
-- KEYS[2]  children   <prefix>:{orchestrator_tasks}:run:<session id>:children (child task id -> spec JSON)
-- KEYS[3]  endings    <prefix>:{orchestrator_tasks}:run:<session id>:endings (child task id -> notice payload JSON)
-- ARGV[1]  the child's task id
-- ARGV[2]  the notice's task id
-- ARGV[3]  the notice's payload (JSON)
-- Returns: {verdict, step of the child or ''}, verdict one of
--          'unknown'    no such run, or the task is none of its children
--          'resume'     this notice made the run's last transition, and its effects may not all have happened: a
--                       redelivery after a crash, which must finish them
--          'ended'      the run has ended
--          'stale'      the child's ending was recorded already, or its step is over
--          'recorded'   counted; the step waits for more children
--          'completed'  counted, and the step is complete: the run is now advancing, owned by this notice
if redis.call('EXISTS', KEYS[1]) == 0 then
    return {'unknown', ''}
end
local spec = redis.call('HGET', KEYS[2], ARGV[1])
if not spec then
    return {'unknown', ''}
end
local step = cjson.decode(spec).step
local run = redis.call('HMGET', KEYS[1], 'status', 'step', 'phase', 'owner', 'pending')
if run[4] == ARGV[2] and (run[5] == '1' or (run[1] == 'RUNNING' and run[3] == 'advancing')) then
    return {'resume', step}
end
if run[1] ~= 'RUNNING' then
    return {'ended', step}
end
if run[2] ~= step or run[3] ~= 'running' then
    return {'stale', step}
end
if redis.call('HSETNX', KEYS[3], ARGV[1], ARGV[3]) == 0 then
    return {'stale', step}
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then
    redis.call('PEXPIRE', KEYS[3], ttl)
end
local finished = redis.call('HINCRBY', KEYS[1], step .. '.finished', 1)
if finished < tonumber(redis.call('HGET', KEYS[1], step .. '.expected')) then
    return {'recorded', step}
end
redis.call('HSET', KEYS[1], 'phase', 'advancing', 'owner', ARGV[2], 'pending', '1')
return {'completed', step}
