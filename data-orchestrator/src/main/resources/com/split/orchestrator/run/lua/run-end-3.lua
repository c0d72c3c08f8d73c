-- Ends a run, once: whichever of a finishing step and the deadline comes first ends it, and the other finds it ended.
-- The run's keys then live for the retention.
--
-- KEYS[1]  run        <prefix>:{orchestrator_tasks}:run:<session id> (hash)
-- KEYS[2]  children   <prefix>:{orchestrator_tasks}:run:<session id>:children
-- KEYS[3]  endings    <prefix>:{orchestrator_tasks}:run:<session id>:endings
-- ARGV[1]  the task ending it, who becomes the owner of the run's last effects
-- ARGV[2]  'advancing' when a step's end ends the run (the caller must own that advance), 'any' for the deadline
-- ARGV[3]  status: SUCCESS, FAILURE or TIMEOUT
-- ARGV[4]  reason ('' for none)
-- ARGV[5]  finished_at, ISO-8601
-- ARGV[6]  the state the current step ends in: done or failed
-- ARGV[7]  retention, ms
-- Returns: 1 when this call ended the run, 0 when it had ended already or the caller does not own it.
local run = redis.call('HMGET', KEYS[1], 'status', 'step', 'phase', 'owner')
if run[1] ~= 'RUNNING' then
    return 0
end
if ARGV[2] == 'advancing' and (run[3] ~= 'advancing' or run[4] ~= ARGV[1]) then
    return 0
end
redis.call('HSET', KEYS[1], 'status', ARGV[3], 'reason', ARGV[4], 'finished_at', ARGV[5], 'owner', ARGV[1],
    'pending', '1', run[2] .. '.state', ARGV[6], run[2] .. '.finished_at', ARGV[5])
for i = 1, 3 do
    redis.call('PEXPIRE', KEYS[i], ARGV[7])
end
return 1
