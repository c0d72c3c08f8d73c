-- Reads a run's whole state at one instant; when it is for a run_progress message, also takes the message's sequence
-- number, so that a message with a higher sequence always describes a later state.
--
-- KEYS[1]  run        <prefix>:{orchestrator_tasks}:run:<session id> (hash)
-- KEYS[2]  children   <prefix>:{orchestrator_tasks}:run:<session id>:children
-- KEYS[3]  endings    <prefix>:{orchestrator_tasks}:run:<session id>:endings
-- ARGV[1]  '1' to take the next sequence number, '0' to read only
-- Returns: {} when there is no such run, else {sequence, run fields, children, endings}, each hash as HGETALL answers.
if redis.call('EXISTS', KEYS[1]) == 0 then
    return {}
end
local sequence
if ARGV[1] == '1' then
    sequence = redis.call('HINCRBY', KEYS[1], 'sequence', 1)
else
    sequence = tonumber(redis.call('HGET', KEYS[1], 'sequence') or '0')
end
return {sequence, redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3])}
