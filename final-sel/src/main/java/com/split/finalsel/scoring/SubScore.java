package com.split.finalsel.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One part of the composite.
 *
 * @param score in [0, 1]; 0.5 (neutral) when the input is unknown
 * @param known false when the score is the neutral stand-in for an unknown input
 * @param reason what the score was made from, in words
 * @param inputs the measured values it was made from, by snake_case name; null where unknown
 */
public record SubScore(double score, boolean known, String reason, Map<String, @Nullable Object> inputs) {

    public static final double NEUTRAL = 0.5;

    public SubScore {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    static SubScore neutral(String reason, Map<String, @Nullable Object> inputs) {
        return new SubScore(NEUTRAL, false, reason + ": neutral " + NEUTRAL, inputs);
    }
}
