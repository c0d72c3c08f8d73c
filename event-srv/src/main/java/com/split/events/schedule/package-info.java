/** Recurring schedules: defined, listed and removed through the API, with their next and last runs. */
@NullMarked
package com.split.events.schedule;

import org.jspecify.annotations.NullMarked;
