package com.split.tasks.test;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/** A standalone Redis given by a {@code redis://[[user]:password@]host[:port][/database]} URL. */
record LocalRedisConnectionDetails(
        URI uri,
        String host,
        int port,
        int database,
        @Nullable String username,
        @Nullable String password) implements DataRedisConnectionDetails {

    static LocalRedisConnectionDetails of(URI uri) {
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("Expected redis://host[:port][/database], got " + uri);
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        int database = path.isEmpty() ? 0 : Integer.parseInt(path);
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            // redis://:secret@host is a password alone, as redis-cli -u reads it
            username = parts.length == 2 && !parts[0].isEmpty() ? decode(parts[0]) : null;
            password = decode(parts[parts.length - 1]);
        }
        return new LocalRedisConnectionDetails(
                uri, uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), database, username, password);
    }

    @Override
    public @Nullable String getUsername() {
        return username;
    }

    @Override
    public @Nullable String getPassword() {
        return password;
    }

    @Override
    public Standalone getStandalone() {
        return Standalone.of(host, port, database);
    }

    /** Whether anything speaking RESP answers there (an auth error counts: the server is up). */
    boolean answers() {
        try (RespConnection connection = RespConnection.open(host, port, Duration.ofSeconds(2))) {
            connection.send("PING");
            return connection.read() != null;
        } catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "redis://%s:%d/%d".formatted(host, port, database); // no credentials in logs
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
