package com.split.yahoo.market;

/** A provider's answer for one symbol: the data, or that the source does not know the symbol. */
public sealed interface Fetched<T> {

    record Found<T>(T value) implements Fetched<T> {}

    /** No such symbol at the source (or delisted, which loses its history too); retrying does not help. */
    record UnknownSymbol<T>(String reason) implements Fetched<T> {}
}
