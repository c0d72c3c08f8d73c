-- Renews a worker's lease with the Redis server's clock, so that leases do not depend on the clocks of the machines
-- the workers run on: the reaper compares against the same clock.
--
-- KEYS[1]  live workers   split:{Q}:workers (worker id -> last heartbeat, epoch ms)
-- ARGV[1]  worker id
-- Returns: the heartbeat time written, epoch ms.
local now = redis.call('TIME')
local millis = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZADD', KEYS[1], millis, ARGV[1])
return millis
