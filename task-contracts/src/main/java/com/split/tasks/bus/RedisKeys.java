package com.split.tasks.bus;

import com.split.tasks.QueueName;
import com.split.tasks.TaskPriority;
import java.util.Arrays;
import java.util.List;

/**
 * The one place bus key names are built. Every key of a queue carries the hash tag {@code {Q}}, so that a queue lives
 * in one Redis Cluster slot and each Lua script touches keys of one slot only.
 *
 * @param prefix first segment of every key, {@code split} by default; tests use a unique one per run
 */
public record RedisKeys(String prefix) {

    public RedisKeys {
        if (prefix == null || prefix.isBlank() || prefix.contains("{") || prefix.contains("}")) {
            throw new IllegalArgumentException(
                    "key prefix '%s' must be non-blank and free of braces".formatted(prefix));
        }
    }

    private String queueKey(QueueName queue, String suffix) {
        return prefix + ":{" + queue.value() + "}:" + suffix;
    }

    /** The ready list of normal tasks, and of every task a publisher without priorities pushes. */
    public String ready(QueueName queue) {
        return queueKey(queue, "ready");
    }

    /** The ready list of one priority: {@code ready:high}, {@code ready} (normal), {@code ready:low}. */
    public String ready(QueueName queue, TaskPriority priority) {
        return switch (priority) {
            case HIGH -> queueKey(queue, "ready:high");
            case NORMAL -> ready(queue);
            case LOW -> queueKey(queue, "ready:low");
        };
    }

    /** The three ready lists, highest priority first: the order the claim script takes them in. */
    public List<String> readyLists(QueueName queue) {
        return Arrays.stream(TaskPriority.values())
                .map(level -> ready(queue, level))
                .toList();
    }

    /**
     * How many claims in a row have passed over each lower priority while it had tasks waiting, {@code "<normal>
     * <low>"}, shared by every worker of the queue so that the priority ratio holds across them; absent until a level
     * is first passed over.
     */
    public String passedOver(QueueName queue) {
        return queueKey(queue, "passed-over");
    }

    public String processing(QueueName queue, String workerId) {
        return queueKey(queue, "processing:" + workerId);
    }

    public String workers(QueueName queue) {
        return queueKey(queue, "workers");
    }

    public String delayed(QueueName queue) {
        return queueKey(queue, "delayed");
    }

    public String dead(QueueName queue) {
        return queueKey(queue, "dead");
    }

    public String dedupe(QueueName queue, String idempotencyKey) {
        return queueKey(queue, "dedupe:" + idempotencyKey);
    }

    /** Endings of tasks with a {@code reply_to} whose {@code task_finished} notice is still to be published. */
    public String outbox(QueueName queue) {
        return queueKey(queue, "outbox");
    }

    /** Present while the queue is paused: who paused it, when and why ({@link QueuePause}). */
    public String paused(QueueName queue) {
        return queueKey(queue, "paused");
    }

    /** The token bucket of the queue's rate limit: the tokens left and when, by Redis's clock. */
    public String rateLimit(QueueName queue) {
        return queueKey(queue, "rate");
    }

    /** Each recurring schedule of the queue's tasks: the last due time taken, its task and whether it ran or was skipped. */
    public String scheduleRuns(QueueName queue) {
        return queueKey(queue, "schedule-runs");
    }

    /** Every recurring schedule's definition, by name: one hash for every queue, read whole by each scheduler. */
    public String schedules() {
        return prefix + ":schedules";
    }

    /** Goes up with each change to {@link #schedules()}, so that a scheduler rereads them only when they changed. */
    public String schedulesVersion() {
        return prefix + ":schedules:version";
    }

    public String cancelled(QueueName queue) {
        return queueKey(queue, "cancelled");
    }

    public String events(QueueName queue) {
        return queueKey(queue, "events");
    }

    public String logs() {
        return prefix + ":logs";
    }

    /**
     * The keys of one refresh run of the orchestrator, on its queue's slot so its scripts touch one slot: the run's
     * hash, its children (task id to step), and their endings (task id to notice).
     */
    public List<String> run(String sessionId) {
        String run = queueKey(QueueName.ORCHESTRATOR_TASKS, "run:" + sessionId);
        return List.of(run, run + ":children", run + ":endings");
    }

    /**
     * The keys of a request gate shared by every instance of a service, on the slot of {@code {gate}}: its breaker,
     * the requests in flight, the next free send time, and the 429s in a row.
     */
    public List<String> requestGate(String gate) {
        String tagged = prefix + ":{" + gate + "}:";
        return List.of(tagged + "breaker", tagged + "in-flight", tagged + "next-slot", tagged + "rate-limited");
    }
}
