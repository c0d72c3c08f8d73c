package com.split.finalsel.selection;

import org.jspecify.annotations.Nullable;

/** A ticker's {@code initial_filtration} row for the session, as stored. */
record FilterRow(
        boolean passed,
        @Nullable Double normalizedScore,
        @Nullable String reasonsJson,
        @Nullable String inputsDigest) {}
