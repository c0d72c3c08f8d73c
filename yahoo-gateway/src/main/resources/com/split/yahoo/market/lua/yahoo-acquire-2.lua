-- Takes the next free slot for a request to Yahoo, on the Redis server's clock, so that every instance paces against
-- one schedule; refuses while the circuit breaker is open.
--
-- KEYS[1]  breaker     split:{yahoo}:breaker (exists while open)
-- KEYS[2]  next slot   split:{yahoo}:next-slot (epoch ms of the first free slot)
-- ARGV[1]  request interval, ms
-- ARGV[2]  longest wait a caller accepts, ms
-- Returns: {0, ms to wait before sending}, {1, ms the breaker stays open} or {2, ms until a slot is free}, too far.
local open = redis.call('PTTL', KEYS[1])
if open > 0 then
    return {1, open}
end
local now = redis.call('TIME')
local millis = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local slot = math.max(millis, tonumber(redis.call('GET', KEYS[2]) or '0'))
local wait = slot - millis
if wait > tonumber(ARGV[2]) then
    return {2, wait}
end
local interval = tonumber(ARGV[1])
redis.call('SET', KEYS[2], slot + interval, 'PX', wait + interval + 1000)
return {0, wait}
