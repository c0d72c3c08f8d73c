/** event-srv: the task journal and its APIs. */
@NullMarked
package com.split.events;

import org.jspecify.annotations.NullMarked;
