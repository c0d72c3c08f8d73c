package com.split.finalsel.selection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256 of a sequence of values, each one framed (type, length) so that no two different sequences collide by
 * concatenation. Numbers go in by their bits: a close that moved in its last digit changes the digest.
 */
final class InputsDigest {

    private final MessageDigest sha;

    InputsDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }

    InputsDigest add(@Nullable String value) {
        if (value == null) {
            sha.update((byte) 0);
            return this;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) 1);
        addLong(bytes.length);
        sha.update(bytes);
        return this;
    }

    InputsDigest add(@Nullable Double value) {
        if (value == null) {
            sha.update((byte) 2);
            return this;
        }
        sha.update((byte) 3);
        addLong(Double.doubleToLongBits(value));
        return this;
    }

    InputsDigest add(double value) {
        return add(Double.valueOf(value));
    }

    InputsDigest add(long value) {
        sha.update((byte) 4);
        addLong(value);
        return this;
    }

    /** The digest as 64 hex digits; the digest cannot be added to afterwards. */
    String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }

    private void addLong(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            sha.update((byte) (value >>> shift));
        }
    }
}
