/** The split_stocks tables and the task handlers that fill them. */
@NullMarked
package com.split.yahoo.stocks;

import org.jspecify.annotations.NullMarked;
