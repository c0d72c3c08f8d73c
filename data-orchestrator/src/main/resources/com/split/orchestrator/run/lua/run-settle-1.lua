-- Notes that the effects of the run's last transition (the tasks and messages it publishes) have all happened, if the
-- caller still owns that transition: a later one by another task has effects of its own still to come.
--
-- KEYS[1]  run   <prefix>:{orchestrator_tasks}:run:<session id> (hash)
-- ARGV[1]  the owner's task id
-- Returns: 1 when settled, 0 when another task owns the run now.
if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
    redis.call('HDEL', KEYS[1], 'pending')
    return 1
end
return 0
