/** Recurring tasks: schedules kept in Redis, and the scheduler that publishes each due run once across instances. */
@NullMarked
package com.split.tasks.bus.schedule;

import org.jspecify.annotations.NullMarked;
