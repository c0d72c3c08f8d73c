package com.split.events.activity;

import com.split.events.activity.SessionGantt.Segment;
import com.split.tasks.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cuts one task's events, in journal order, into waits and runs: a wait opens when the task is created or queued, a
 * run when a worker starts it; a retry or a final status closes what is open with that status. Received, progress
 * and business results change nothing on the timeline.
 */
final class TaskSegments {

    static final String WAITING = "waiting";
    static final String RUNNING = "running";

    private final List<Segment> segments = new ArrayList<>();
    private @Nullable String openKind;
    private @Nullable Instant openFrom;

    void add(EventType type, Instant at) {
        switch (type) {
            case TASK_CREATED, TASK_QUEUED -> {
                // task_queued follows task_created at publish: the wait goes on
                if (openKind == null) {
                    open(WAITING, at);
                }
            }
            case TASK_STARTED -> {
                close(at, null);
                open(RUNNING, at);
            }
            case TASK_RETRIED, TASK_SUCCEEDED, TASK_NO_DATA, TASK_FAILED, TASK_CANCELLED, TASK_TIMEOUT ->
                close(at, type.status().orElseThrow().name());
            case TASK_RECEIVED, TASK_PROGRESS, TASK_BUSINESS_RESULT -> {}
        }
    }

    /** The segments so far; the open one last, with no end. */
    List<Segment> segments() {
        List<Segment> all = new ArrayList<>(segments);
        if (openKind != null && openFrom != null) {
            all.add(new Segment(openKind, openFrom, null, null));
        }
        return all;
    }

    private void open(String kind, Instant at) {
        openKind = kind;
        openFrom = at;
    }

    private void close(Instant at, @Nullable String outcome) {
        if (openKind != null && openFrom != null) {
            segments.add(new Segment(openKind, openFrom, at, outcome));
        }
        openKind = null;
        openFrom = null;
    }
}
