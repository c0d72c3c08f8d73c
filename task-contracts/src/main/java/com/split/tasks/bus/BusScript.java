package com.split.tasks.bus;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script of the bus, loaded from {@code com/split/tasks/bus/lua/<name>-<key count>.lua}. Runs by SHA and falls
 * back to sending the source when a server does not have it yet (first use, a restart, a new cluster node).
 */
public enum BusScript {
    PUBLISH("publish-3"),
    CLAIM("claim-4"),
    FINISH("finish-4"),
    REAP("reap-5"),
    PROMOTE("promote-4"),
    REQUEUE("requeue-3"),
    UNSCHEDULE("unschedule-2"),
    HEARTBEAT("heartbeat-1");

    private final String source;
    private final String sha;
    private final int keyCount;

    BusScript(String file) {
        this.source = read("lua/" + file + ".lua");
        this.sha = sha1(source);
        this.keyCount = Integer.parseInt(file.substring(file.lastIndexOf('-') + 1));
    }

    /** How many KEYS the script declares before any variable ones. */
    public int keyCount() {
        return keyCount;
    }

    public <T> CompletionStage<T> run(
            RedisClusterAsyncCommands<String, byte[]> redis, ScriptOutputType output, String[] keys, byte[][] args) {
        return redis.<T>evalsha(sha, output, keys, args).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                return redis.eval(source, output, keys, args);
            }
            return java.util.concurrent.CompletableFuture.failedFuture(cause);
        });
    }

    private static String read(String resource) {
        try (InputStream in = BusScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bus script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
