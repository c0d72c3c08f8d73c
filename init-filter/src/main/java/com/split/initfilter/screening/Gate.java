package com.split.initfilter.screening;

/** The hard gates, in the order they are reported. */
public enum Gate {
    PRICE_FLOOR("price_floor"),
    LIQUIDITY("liquidity"),
    LEVERAGE("leverage"),
    PROFITABILITY("profitability");

    private final String wireName;

    Gate(String wireName) {
        this.wireName = wireName;
    }

    /** The key under {@code reasons_json.gates}. */
    public String wireName() {
        return wireName;
    }
}
