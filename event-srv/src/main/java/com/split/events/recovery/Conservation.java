package com.split.events.recovery;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One queue's task accounting: every task created is finished, waiting, in flight or delayed, so {@code difference}
 * is 0 once the journal has caught up with the bus. Anything else is a task lost (positive) or not yet journalled
 * (negative).
 *
 * @param created tasks of the queue in the journal
 * @param terminal those with a final status
 * @param waiting tasks on the ready list
 * @param inFlight tasks in workers' processing lists
 * @param delayed tasks waiting for a retry or their scheduled time
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Conservation(
        String queue, long created, long terminal, long waiting, long inFlight, long delayed, long difference) {

    static Conservation of(String queue, long created, long terminal, long waiting, long inFlight, long delayed) {
        return new Conservation(
                queue,
                created,
                terminal,
                waiting,
                inFlight,
                delayed,
                created - terminal - waiting - inFlight - delayed);
    }
}
