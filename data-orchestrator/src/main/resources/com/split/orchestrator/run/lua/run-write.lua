-- Loaded before run-create-2 and run-advance-2 (RunStore.writing), which write from the same layout of arguments.
--
-- KEYS[1]  run        the run hash
-- KEYS[2]  children   the run's children (child task id -> spec JSON)
-- ARGV[at] n, then n field/value strings of the run hash
-- then     m, then m child id/spec strings
local function write_run(at)
    local n = tonumber(ARGV[at])
    for i = at + 1, at + n, 2 do
        redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    end
    local m_at = at + 1 + n
    for i = m_at + 1, m_at + tonumber(ARGV[m_at]), 2 do
        redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
    end
end
