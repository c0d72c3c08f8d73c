-- Begins the next step of a run whose step is complete: only for the notice that completed it (the owner), only
-- while the run is still advancing from that step and has not ended (the deadline may have ended it meanwhile).
--
-- KEYS[1]  run        <prefix>:{orchestrator_tasks}:run:<session id> (hash)
-- KEYS[2]  children   <prefix>:{orchestrator_tasks}:run:<session id>:children (child task id -> spec JSON)
-- ARGV[1]  the owner: the task id of the notice that completed the step
-- ARGV[2]  the completed step
-- ARGV[3]  n, then n field/value strings of the run hash (the next step, its state, phase running, pending)
-- then     m, then m child id/spec strings: the next step's children
--          (both written by write_run of run-write.lua, which RunStore loads before this file)
-- Returns: 1 when the next step began, 0 when it did not (the run ended, or another task owns it).
local run = redis.call('HMGET', KEYS[1], 'status', 'step', 'phase', 'owner')
if run[1] ~= 'RUNNING' or run[2] ~= ARGV[2] or run[3] ~= 'advancing' or run[4] ~= ARGV[1] then
    return 0
end
write_run(3)
return 1
