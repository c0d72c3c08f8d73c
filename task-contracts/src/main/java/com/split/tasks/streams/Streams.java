package com.split.tasks.streams;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reading stream ids and {@code XINFO} replies. */
public final class Streams {

    private Streams() {}

    /** The time part of a stream entry id ({@code <ms>-<seq>}): when Redis added the entry, in epoch ms. */
    public static long entryMillis(String id) {
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    /** Orders stream entry ids as Redis does: by time, then sequence. */
    public static int compareIds(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        int byTime = Long.compare(Long.parseLong(a.substring(0, dashA)), Long.parseLong(b.substring(0, dashB)));
        return byTime != 0
                ? byTime
                : Long.compare(Long.parseLong(a.substring(dashA + 1)), Long.parseLong(b.substring(dashB + 1)));
    }

    /**
     * The group's line of an {@code XINFO GROUPS} reply, by field name ({@code pending}, {@code lag},
     * {@code last-delivered-id}, …); empty when the group is not there. Bulk strings arrive as byte arrays and are
     * turned into text; numbers stay {@code Long}.
     */
    public static Map<String, @Nullable Object> groupInfo(List<Object> reply, String group) {
        for (Object line : reply) {
            Map<String, @Nullable Object> fields = new HashMap<>();
            List<?> pairs = (List<?>) line;
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                Object value = pairs.get(i + 1);
                fields.put(text(pairs.get(i)), value instanceof byte[] ? text(value) : value);
            }
            if (group.equals(fields.get("name"))) {
                return fields;
            }
        }
        return Map.of();
    }

    private static String text(@Nullable Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
