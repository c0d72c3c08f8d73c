package com.split.tasks.bus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ARGV of a bus script, built in order. Not thread-safe. */
final class ScriptArgs {

    private final List<byte[]> args = new ArrayList<>();

    ScriptArgs add(String value) {
        args.add(value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    ScriptArgs add(byte[] value) {
        args.add(value);
        return this;
    }

    ScriptArgs add(long value) {
        return add(Long.toString(value));
    }

    /** A count followed by the field/value strings, as the scripts read an event to {@code XADD}. */
    ScriptArgs addFields(Map<String, String> fields) {
        add(fields.size() * 2L);
        fields.forEach((name, value) -> add(name).add(value));
        return this;
    }

    byte[][] toArray() {
        return args.toArray(byte[][]::new);
    }
}
