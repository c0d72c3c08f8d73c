/**
 * Runs: a {@code refresh} turned into the steps fetch, filter and select, each a fan-out of tasks joined again by their
 * {@code task_finished} notices in Redis, with the messages that tell portfolio-mngr how the run goes.
 */
@NullMarked
package com.split.orchestrator.run;

import org.jspecify.annotations.NullMarked;
