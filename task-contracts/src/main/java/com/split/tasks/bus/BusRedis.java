package com.split.tasks.bus;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Connections of the bus to Redis, standalone or cluster, with string keys and byte values: envelopes stay byte for
 * byte what their publisher wrote, even when they are not valid UTF-8.
 *
 * <p>{@link #commands()} is one connection shared by every thread: commands that callers issue concurrently travel
 * pipelined, which is what keeps Redis round trips per task low. Blocking commands get their own connection from
 * {@link #openBlocking()}. The shared connection opens on first use, so a Redis outage at startup is waited out like
 * any other. Thread-safe.
 */
public final class BusRedis implements AutoCloseable {

    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** Error replies of a server that cannot serve now but will: failing over, a cluster slot moving. */
    private static final Pattern UNAVAILABLE_REPLY = Pattern.compile("(MASTERDOWN|CLUSTERDOWN|TRYAGAIN) ");

    private final Supplier<AbstractRedisClient> clients;
    private final Duration commandTimeout;
    private @Nullable Connection shared;

    /**
     * @param clients the Lettuce {@link RedisClient} or {@link RedisClusterClient} to open connections with, asked
     *     again after {@link #close()}: its owner (Spring's connection factory) may replace it when it restarts
     * @param commandTimeout how long {@link #await} waits for a reply
     */
    public BusRedis(Supplier<AbstractRedisClient> clients, Duration commandTimeout) {
        this.clients = clients;
        this.commandTimeout = commandTimeout;
    }

    public BusRedis(AbstractRedisClient client, Duration commandTimeout) {
        this(() -> client, commandTimeout);
    }

    /**
     * How long a client waits between attempts to reconnect: Lettuce backs off up to 30 s by default, capped here at a
     * second, so that every worker is back within about a second of Redis, which shortens recoveries and lets a
     * reaper trust heartbeats again one lease after an outage ({@link ReapGate}).
     */
    public static Delay reconnectDelay() {
        return Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS);
    }

    public boolean isCluster() {
        return clients.get() instanceof RedisClusterClient;
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** The shared, pipelining connection's commands. */
    public RedisClusterAsyncCommands<String, byte[]> commands() {
        return sharedConnection().commands();
    }

    private synchronized Connection sharedConnection() {
        // Once open, Lettuce reconnects it by itself after an outage; until then every call tries to open it.
        if (shared == null) {
            shared = openBlocking();
        }
        return shared;
    }

    /**
     * Whether the shared connection is open now: false before its first use and while Lettuce reconnects it. A caller
     * that must not queue commands into Lettuce's buffer during an outage (a timed-out command may still run when the
     * connection comes back) checks this before sending.
     */
    public synchronized boolean isConnected() {
        return shared != null && shared.connection().isOpen();
    }

    /**
     * The Redis server's clock, in epoch ms. Heartbeats carry it, so the cutoffs of the lease do too: a machine's clock
     * drift cannot make a live worker look dead.
     */
    public long serverMillis() {
        List<byte[]> time = await(commands().time());
        return Long.parseLong(new String(time.get(0), StandardCharsets.US_ASCII)) * 1000
                + Long.parseLong(new String(time.get(1), StandardCharsets.US_ASCII)) / 1000;
    }

    /** A connection of its own, for commands that block it (BLMOVE) or must not queue behind others (WAIT). */
    public Connection openBlocking() {
        return switch (clients.get()) {
            case RedisClusterClient cluster -> {
                StatefulRedisClusterConnection<String, byte[]> connection = cluster.connect(CODEC);
                yield new Connection(connection, connection.async());
            }
            case RedisClient standalone -> {
                StatefulRedisConnection<String, byte[]> connection = standalone.connect(CODEC);
                yield new Connection(connection, connection.async());
            }
            case AbstractRedisClient other ->
                throw new IllegalStateException(
                        "unsupported Redis client " + other.getClass().getName());
        };
    }

    /** Waits for a reply within the command timeout. */
    public <T> T await(CompletionStage<T> reply) {
        return await(reply, commandTimeout);
    }

    public static <T> T await(CompletionStage<T> reply, Duration timeout) {
        var future = reply.toCompletableFuture();
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new BusUnavailableException("interrupted while waiting for Redis", e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new BusUnavailableException("Redis did not answer within " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (isUnavailable(cause)) {
                throw new BusUnavailableException("Redis is not available: " + cause.getMessage(), cause);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new BusUnavailableException("Redis command failed: " + cause, cause);
        }
    }

    /**
     * Whether a failure means Redis could not take the command now, so that a caller waits it out as an outage: no
     * connection, a server still loading its AOF after a restart (the first seconds after one), a script or a failover
     * holding it. Lettuce throws each as its own exception or error reply.
     */
    private static boolean isUnavailable(Throwable failure) {
        return switch (failure) {
            case RedisConnectionException connection -> true;
            case RedisLoadingException loading -> true;
            // Lettuce makes every reply starting BUSY one, BUSYGROUP (a consumer group that exists) too
            case RedisBusyException busy ->
                busy.getMessage() != null && busy.getMessage().startsWith("BUSY ");
            case RedisCommandExecutionException reply ->
                reply.getMessage() != null
                        && UNAVAILABLE_REPLY.matcher(reply.getMessage()).lookingAt();
            default -> false;
        };
    }

    /** Closes the shared connection; the next call opens a new one, with the client the supplier gives then. */
    @Override
    public synchronized void close() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** A connection and its asynchronous commands. */
    public record Connection(
            StatefulConnection<String, byte[]> connection, RedisClusterAsyncCommands<String, byte[]> commands)
            implements AutoCloseable {

        @Override
        public void close() {
            connection.close();
        }
    }
}
