/** Spring Boot auto-configuration of the task bus: every service gets the publisher and, with handlers, workers. */
@NullMarked
package com.split.tasks.autoconfigure;

import org.jspecify.annotations.NullMarked;
