/**
 * The wire contracts of the SPLit task bus: the task envelope, its routing table, lifecycle statuses and events.
 */
@NullMarked
package com.split.tasks;

import org.jspecify.annotations.NullMarked;
