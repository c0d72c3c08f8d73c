-- Lets a request to Yahoo go when the circuit breaker is closed, fewer than the allowed requests are in flight, and
-- its slot in the pacing schedule has come. Uses the Redis server's clock, so that every instance paces against one
-- schedule.
--
-- KEYS[1]  breaker     split:{yahoo}:breaker (exists while open)
-- KEYS[2]  in flight   split:{yahoo}:in-flight (token -> lease end, epoch ms; a crashed holder's lease runs out)
-- KEYS[3]  next slot   split:{yahoo}:next-slot (epoch ms of the first free slot)
-- ARGV[1]  request interval, ms
-- ARGV[2]  longest wait for a slot a caller accepts, ms
-- ARGV[3]  most requests in flight
-- ARGV[4]  this request's token
-- ARGV[5]  how long a request may hold its place, ms
-- Returns: {0, ms to wait before sending} (the place is taken), {1, ms the breaker stays open},
--          {2, ms until a slot is free} when that is too far, or {3, 0} when too many are in flight: ask again.
local open = redis.call('PTTL', KEYS[1])
if open > 0 then
    return {1, open}
end
local now = redis.call('TIME')
local millis = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', millis)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then
    return {3, 0}
end
local slot = math.max(millis, tonumber(redis.call('GET', KEYS[3]) or '0'))
local wait = slot - millis
if wait > tonumber(ARGV[2]) then
    return {2, wait}
end
local interval = tonumber(ARGV[1])
local leaseEnd = slot + tonumber(ARGV[5])
redis.call('ZADD', KEYS[2], leaseEnd, ARGV[4])
redis.call('PEXPIRE', KEYS[2], leaseEnd - millis)
redis.call('SET', KEYS[3], slot + interval, 'PX', wait + interval + 1000)
return {0, wait}
