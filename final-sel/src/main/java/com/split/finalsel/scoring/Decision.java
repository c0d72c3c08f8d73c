package com.split.finalsel.scoring;

/** A final decision, stored and sent by its name. */
public enum Decision {
    BUY,
    HOLD,
    SELL
}
