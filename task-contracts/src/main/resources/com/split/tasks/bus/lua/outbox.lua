-- Shared by the scripts that end a task outside a worker's run (claim, promote, unschedule): a task with a reply_to
-- gets its ending recorded in the queue's outbox, in the same script, and a worker of the queue publishes the
-- task_finished notice from there, so that the parent hears of every ending of its child.
local function record_cancelled(outbox, task, envelope)
    if type(task) == 'table' and type(task.reply_to) == 'string' then
        redis.call('LPUSH', outbox, cjson.encode({
            status = 'CANCELLED',
            envelope = envelope,
            error = {type = 'cancelled', message = 'cancelled before it ran'}
        }))
    end
end
