package com.split.bench;

import java.util.function.Supplier;

/** What some work returned, and how long it took by {@code System.nanoTime()}. */
public record Timed<T>(T value, double seconds) {

    public static <T> Timed<T> of(Supplier<T> work) {
        long start = System.nanoTime();
        T value = work.get();
        return new Timed<>(value, (System.nanoTime() - start) / 1e9);
    }

    /** To three decimals (the millisecond, for seconds), as the JSON lines carry figures. */
    public static double round(double value) {
        return Math.rint(value * 1000) / 1000;
    }
}
