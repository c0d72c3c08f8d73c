-- Creates a run's state, once: the run hash and the children of its first step. A second refresh for the same
-- session, or the same refresh delivered again, finds the run and creates nothing.
--
-- KEYS[1]  run        <prefix>:{orchestrator_tasks}:run:<session id> (hash)
-- KEYS[2]  children   <prefix>:{orchestrator_tasks}:run:<session id>:children (child task id -> spec JSON)
-- ARGV[1]  the refresh task's id: the run's first owner
-- ARGV[2]  TTL of both keys, ms (the run timeout plus the retention, so that a run nobody ends still vanishes)
-- ARGV[3]  n, then n field/value strings of the run hash
-- then     m, then m child id/spec strings
--          (both written by write_run of run-write.lua, which RunStore loads before this file)
-- Returns: 'created'; 'resume' when this refresh created the run and its effects may not all have happened (a rerun
--          after a crash); 'known' when the run exists otherwise.
if redis.call('EXISTS', KEYS[1]) == 1 then
    local run = redis.call('HMGET', KEYS[1], 'refresh_task_id', 'owner', 'pending')
    if run[1] == ARGV[1] and run[2] == ARGV[1] and run[3] == '1' then
        return 'resume'
    end
    return 'known'
end
write_run(3)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 'created'
