package com.split.portfolio;

import com.split.web.Parameters;
import org.jspecify.annotations.Nullable;

/** Which page of a list a request asks for: {@code page} from 0, {@code size} 1 to {@value #MAX_SIZE}. */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /** @throws com.split.web.InvalidParameterException naming {@code page} or {@code size} when it cannot be used */
    public static Paging parse(@Nullable String page, @Nullable String size) {
        return new Paging(
                Parameters.integer("page", page, 0, 0, 1_000_000),
                Parameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }

    public long offset() {
        return (long) page * size;
    }
}
