/**
 * Refresh runs: starting one (a {@code refresh} task to the orchestrator), following its {@code run_progress} and
 * {@code run_completed} messages, and serving the run, its steps and its recommendations.
 */
@NullMarked
package com.split.portfolio.refresh;

import org.jspecify.annotations.NullMarked;
