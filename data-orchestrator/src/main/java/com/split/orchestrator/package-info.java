/** data-orchestrator: turns a refresh into its steps and joins each step's tasks. */
@NullMarked
package com.split.orchestrator;

import org.jspecify.annotations.NullMarked;
