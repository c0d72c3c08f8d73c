/** log-srv: central technical logs. */
@NullMarked
package com.split.logsrv;

import org.jspecify.annotations.NullMarked;
