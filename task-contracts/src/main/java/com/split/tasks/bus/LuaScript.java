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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script read once from the classpath and run by its SHA ({@code EVALSHA}); the source travels only when a
 * server does not know it yet (first use, a restart, a new cluster node). The bus's own scripts and the services'
 * scripts all run this way.
 *
 * <p>A file opens with a header naming each {@code KEYS[i]}, {@code ARGV[i]} and the reply; the class that runs it is
 * the only code that knows that order. Immutable and thread-safe.
 */
public final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /**
     * Reads a script that sits beside {@code anchor}'s package, e.g. {@code load(RunStore.class, "lua/run-end-3.lua")}.
     *
     * @throws IllegalStateException if there is no such resource
     */
    public static LuaScript load(Class<?> anchor, String resource) {
        return new LuaScript(resource, read(anchor, resource));
    }

    /**
     * Reads a script that calls local functions of {@code library}, a file beside it: one source, the library's
     * functions first, so that scripts share code as a script runs whole (no Redis function library to load).
     *
     * @throws IllegalStateException if there is no such resource
     */
    public static LuaScript load(Class<?> anchor, String library, String resource) {
        return new LuaScript(resource, read(anchor, library) + "\n" + read(anchor, resource));
    }

    private static String read(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "missing Lua script %s beside %s".formatted(resource, anchor.getName()));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    <T> CompletionStage<T> run(
            RedisClusterAsyncCommands<String, byte[]> redis, ScriptOutputType output, String[] keys, byte[][] args) {
        return redis.<T>evalsha(sha, output, keys, args).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                return redis.eval(source, output, keys, args);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
