/** Cross-cutting beans of data-orchestrator. */
@NullMarked
package com.split.orchestrator.config;

import org.jspecify.annotations.NullMarked;
