/** Storing log records: from the {@code split:logs} stream and from {@code POST /api/logs}, and their retention. */
@NullMarked
package com.split.logsrv.store;

import org.jspecify.annotations.NullMarked;
