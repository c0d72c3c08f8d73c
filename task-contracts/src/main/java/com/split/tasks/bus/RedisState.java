package com.split.tasks.bus;

import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A service's own state in Redis beside the bus, such as the orchestrator's runs or yahoo-gateway's request gate: its
 * keys, built by {@link RedisKeys}, and its Lua scripts, run by SHA on the bus's connection like the bus's own. Values
 * travel as UTF-8 text. Thread-safe.
 */
public final class RedisState {

    private final BusRedis redis;
    private final RedisKeys keys;

    public RedisState(BusRedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** An orchestrator run's keys: its hash, its children, their endings. */
    public List<String> runKeys(String sessionId) {
        return keys.run(sessionId);
    }

    /** A shared request gate's keys: breaker, in flight, next slot, 429s in a row. */
    public List<String> requestGateKeys(String gate) {
        return keys.requestGate(gate);
    }

    /**
     * Runs a script and waits for its reply, in which every bulk string is decoded as UTF-8 text.
     *
     * @return a {@code Long}, a {@code String}, or a list of those (nested as the script nests them); null for nil
     */
    @SuppressWarnings("unchecked")
    public <T> T run(LuaScript script, ScriptOutputType output, List<String> scriptKeys, List<String> args) {
        byte[][] argv = args.stream().map(RedisState::bytes).toArray(byte[][]::new);
        Object reply = redis.await(script.run(redis.commands(), output, scriptKeys.toArray(String[]::new), argv));
        return (T) text(reply);
    }

    public void delete(String key) {
        redis.await(redis.commands().del(key));
    }

    public void removeMember(String sortedSet, String member) {
        redis.await(redis.commands().zrem(sortedSet, bytes(member)));
    }

    private static Object text(Object reply) {
        return switch (reply) {
            case byte[] value -> new String(value, StandardCharsets.UTF_8);
            case List<?> list -> list.stream().map(RedisState::text).toList();
            case null -> null;
            default -> reply;
        };
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
