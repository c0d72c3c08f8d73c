/**
 * Log shipping: a Logback appender that sends every service's WARN and ERROR records to the {@code split:logs} stream
 * as {@link com.split.tasks.logs.LogRecord}s, with secrets masked, without ever blocking the code that logs.
 */
@NullMarked
package com.split.tasks.logs;

import org.jspecify.annotations.NullMarked;
