/** The Redis side of the bus: key names, Lua scripts, connections and the publisher. */
@NullMarked
package com.split.tasks.bus;

import org.jspecify.annotations.NullMarked;
