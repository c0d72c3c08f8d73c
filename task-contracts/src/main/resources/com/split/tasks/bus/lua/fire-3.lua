-- Publishes the run of a recurring schedule due at one time, at most once. The schedule's last due time, kept in the
-- queue's schedule-runs hash, must be earlier than this one, and becomes it in the same script: any number of
-- instances ticking through the same due time publish it once, a restarted one never publishes it again, and none
-- publishes an earlier time after a later. A run the schedule skips (missed while no scheduler ran) is recorded the
-- same way, journalled as created and cancelled, with nothing queued.
--
-- KEYS[1]  ready list      split:{Q}:ready
-- KEYS[2]  events stream   split:{Q}:events
-- KEYS[3]  schedule runs   split:{Q}:schedule-runs (schedule name -> "<due ms> <task id> <P|S> <recorded at ms>")
-- ARGV[1]  schedule name
-- ARGV[2]  due time, epoch ms
-- ARGV[3]  task id
-- ARGV[4]  'P' to publish the envelope, 'S' to record the run as skipped
-- ARGV[5]  recorded at, epoch ms
-- ARGV[6]  envelope
-- ARGV[7]  n, then the n field/value strings of task_created; m, then the m of task_queued ('P') or task_cancelled ('S')
-- Returns: {1} when this call published or skipped the run; {0, <the hash's value>} when that due time, or a later one,
--          was taken before.
local standing = redis.call('HGET', KEYS[3], ARGV[1])
if standing and tonumber(string.match(standing, '^(%d+)')) >= tonumber(ARGV[2]) then
    return {0, standing}
end
local created_count = tonumber(ARGV[7])
local created_at = 8
local second_count = tonumber(ARGV[created_at + created_count])
local second_at = created_at + created_count + 1
if ARGV[4] == 'P' then
    redis.call('LPUSH', KEYS[1], ARGV[6])
end
redis.call('XADD', KEYS[2], '*', unpack(ARGV, created_at, created_at + created_count - 1))
redis.call('XADD', KEYS[2], '*', unpack(ARGV, second_at, second_at + second_count - 1))
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2] .. ' ' .. ARGV[3] .. ' ' .. ARGV[4] .. ' ' .. ARGV[5])
return {1}
