package com.split.events.queue;

import com.split.events.actions.QueueAction;
import com.split.events.journal.EventsProperties;
import com.split.web.InvalidParameterException;
import com.split.web.Parameters;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The queues as they are in Redis now, and their dead letters. */
@RestController
@RequestMapping("/api/queues")
class QueueController {

    static final int MAX_PAGE = 500;

    private final Queues queues;
    private final EventsProperties properties;

    QueueController(Queues queues, EventsProperties properties) {
        this.queues = queues;
        this.properties = properties;
    }

    @GetMapping
    List<QueueView> list() {
        return queues.views();
    }

    @GetMapping("/{queue}/dead")
    DeadLetterPage deadLetters(
            @PathVariable String queue,
            @RequestParam(required = false) @Nullable String offset,
            @RequestParam(required = false) @Nullable String limit) {
        return queues.deadLetters(
                served(queue),
                Parameters.integer("offset", offset, 0, 0, Integer.MAX_VALUE),
                Parameters.integer("limit", limit, 50, 1, MAX_PAGE));
    }

    /**
     * Pauses the queue: its workers, on every instance, claim nothing from it within a poll; publishing and running
     * tasks go on. Journalled with the caller, unless the queue was paused already (then the pause in force answers).
     */
    @PostMapping("/{queue}/pause")
    PauseAnswer pause(
            Authentication caller,
            @PathVariable String queue,
            @RequestBody(required = false) @Nullable PauseRequest request) {
        String reason = request == null ? null : request.reason();
        if (reason != null && reason.isBlank()) {
            reason = null;
        }
        if (reason != null && reason.length() > Queues.MAX_REASON) {
            throw new InvalidParameterException(
                    "reason", "must be at most %d characters, was %d".formatted(Queues.MAX_REASON, reason.length()));
        }
        return queues.pause(served(queue), caller.getName(), reason);
    }

    /** Resumes the queue; journalled with the caller when it was paused. */
    @PostMapping("/{queue}/resume")
    PauseAnswer resume(Authentication caller, @PathVariable String queue) {
        return queues.resume(served(queue), caller.getName());
    }

    /** Pauses and resumes of the queue, newest first: who, when and why. */
    @GetMapping("/{queue}/actions")
    List<QueueAction> actions(@PathVariable String queue, @RequestParam(required = false) @Nullable String limit) {
        return queues.actions(served(queue), Parameters.integer("limit", limit, 50, 1, MAX_PAGE));
    }

    /**
     * Requeues the dead letters of the given tasks ({@code {"task_ids": [...]}}), all ({@code {"all": true}}), or those
     * a filter matches ({@code {"task_type", "reason"}}); {@code "preview": true} only counts them.
     */
    @PostMapping("/{queue}/dead/requeue")
    RequeueResult requeue(
            Authentication caller, @PathVariable String queue, @RequestBody DeadLetterSelection selection) {
        return queues.requeueDead(served(queue), selection, caller.getName());
    }

    /** Deletes dead letters, chosen as a requeue chooses them; {@code "preview": true} only counts them. */
    @PostMapping("/{queue}/dead/delete")
    DeleteResult delete(Authentication caller, @PathVariable String queue, @RequestBody DeadLetterSelection selection) {
        return queues.deleteDead(served(queue), selection, caller.getName());
    }

    private com.split.tasks.QueueName served(String raw) {
        var queue = Parameters.queue("queue", raw);
        if (queue == null) {
            throw new InvalidParameterException("queue", "is required");
        }
        if (!properties.queueNames().contains(queue)) {
            throw new QueueNotFoundException(queue, properties.queueNames());
        }
        return queue;
    }
}
