-- Shared by the scripts that settle a worker's tasks (finish, reap): once a settlement is applied, its event goes onto
-- the events stream (ARGV[first..last]; none when last < first) and an ending's notice, if any, into the outbox.
local function journal_settlement(events, outbox, first, last, notice)
    if last >= first then
        redis.call('XADD', events, '*', unpack(ARGV, first, last))
    end
    if notice ~= '' then
        redis.call('LPUSH', outbox, notice)
    end
end
