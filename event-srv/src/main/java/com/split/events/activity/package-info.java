/**
 * What the dashboard's charts draw from the journal: tasks finished per minute per queue, and a session's tasks as a
 * Gantt timeline. Both read MySQL only, so they survive restarts of every service and of Redis.
 */
@NullMarked
package com.split.events.activity;

import org.jspecify.annotations.NullMarked;
