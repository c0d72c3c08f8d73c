/** The read side of the journal: a task's state, its history, filtered pages of tasks and counts. */
@NullMarked
package com.split.events.task;

import org.jspecify.annotations.NullMarked;
