/** The journal of what operators did to whole queues and to many tasks at once: who, when, why, what and how many. */
@NullMarked
package com.split.events.actions;

import org.jspecify.annotations.NullMarked;
