package com.split.tasks.bus;

import com.split.tasks.QueueName;

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

    public String ready(QueueName queue) {
        return queueKey(queue, "ready");
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

    public String cancelled(QueueName queue) {
        return queueKey(queue, "cancelled");
    }

    public String events(QueueName queue) {
        return queueKey(queue, "events");
    }

    public String logs() {
        return prefix + ":logs";
    }
}
