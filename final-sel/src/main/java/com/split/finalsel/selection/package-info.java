/** The {@code final_selection} task: inputs read set-based, decided, weighted and stored in final_selections. */
@NullMarked
package com.split.finalsel.selection;

import org.jspecify.annotations.NullMarked;
