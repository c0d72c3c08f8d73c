/** Workers: handlers, their context and outcomes, and the container that runs them reliably. */
@NullMarked
package com.split.tasks.bus.worker;

import org.jspecify.annotations.NullMarked;
