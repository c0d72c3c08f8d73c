/** The log API: filtered pages of records, and records posted by clients off the Java bus. */
@NullMarked
package com.split.logsrv.api;

import org.jspecify.annotations.NullMarked;
