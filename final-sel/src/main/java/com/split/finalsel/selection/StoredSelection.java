package com.split.finalsel.selection;

import com.split.finalsel.scoring.Decision;
import org.jspecify.annotations.Nullable;

/** A {@code final_selections} row, as stored. */
record StoredSelection(
        String ticker,
        Decision decision,
        @Nullable Double score,
        double weight,
        String reasonsJson,
        String inputsDigest) {}
