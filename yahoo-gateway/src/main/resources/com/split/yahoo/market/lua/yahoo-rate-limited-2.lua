-- Counts a 429 from Yahoo and opens the circuit breaker when the 429s in a row reach the threshold. The count is kept
-- while the breaker is open, so the first 429 after it closes opens it again.
--
-- KEYS[1]  429s in a row   split:{yahoo}:rate-limited
-- KEYS[2]  breaker         split:{yahoo}:breaker
-- ARGV[1]  threshold
-- ARGV[2]  how long the breaker stays open, ms
-- ARGV[3]  how long the count lasts without another 429, ms
-- Returns: the 429s in a row, this one included.
local count = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if count >= tonumber(ARGV[1]) then
    redis.call('SET', KEYS[2], count, 'PX', ARGV[2])
end
return count
