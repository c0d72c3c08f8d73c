package com.split.events.queue;

import org.jspecify.annotations.Nullable;

/** @param reason why, kept in the journal: at most {@value Queues#MAX_REASON} characters */
record PauseRequest(@Nullable String reason) {}
