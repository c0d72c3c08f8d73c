package com.split.bench;

import java.util.function.Supplier;

/** What some work returned, and how long it took by {@code System.nanoTime()}. */
record Timed<T>(T value, double seconds) {

    static <T> Timed<T> of(Supplier<T> work) {
        long start = System.nanoTime();
        T value = work.get();
        return new Timed<>(value, (System.nanoTime() - start) / 1e9);
    }

    /** To three decimals (the millisecond, for seconds), as the JSON lines carry figures. */
    static double round(double value) {
        return Math.rint(value * 1000) / 1000;
    }
}
