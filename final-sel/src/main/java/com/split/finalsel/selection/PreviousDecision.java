package com.split.finalsel.selection;

import com.split.finalsel.scoring.Decision;

/** The decision an earlier session of the same user made for a ticker: the other side of the hysteresis band. */
record PreviousDecision(String sessionId, Decision decision) {}
