package com.split.bench;

import com.split.tasks.QueueName;
import com.split.tasks.TaskType;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.BusScripts;
import com.split.tasks.bus.QueueInspector;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.TaskRecovery;
import com.split.tasks.bus.worker.BusParts;
import com.split.tasks.codec.TaskCodec;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One process's view of the bench's Redis: the bus connection, the keys of one prefix, a separate plain connection for
 * {@code INFO} and clean-up, and the no-op task type. Closing it closes the client.
 */
final class BenchRedis implements AutoCloseable {

    static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    static final String DEFAULT_QUEUE = "bench_tasks";
    static final String DEFAULT_PREFIX = "split-bench";

    /** Prefixes end up in a SCAN pattern: no glob characters, no hash-tag braces. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private final ClientResources resources;
    private final RedisClient client;
    private final BusRedis bus;
    private final StatefulRedisConnection<String, String> plain;
    private final RedisKeys keys;
    private final TaskType type;
    private final TaskCodec codec = new TaskCodec();

    BenchRedis(String url, String prefix, String queue) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("--prefix must match " + PREFIX + ", was '" + prefix + "'");
        }
        // reconnects within a second of Redis, as the services do: the chaos suite times recoveries with it
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(BusRedis.reconnectDelay())
                .build();
        this.client = RedisClient.create(resources, url);
        this.bus = new BusRedis(client, Duration.ofSeconds(10));
        this.plain = client.connect();
        this.keys = new RedisKeys(prefix);
        this.type = new TaskType("noop", QueueName.of(queue), "split-bench");
    }

    BusRedis bus() {
        return bus;
    }

    RedisKeys keys() {
        return keys;
    }

    TaskType type() {
        return type;
    }

    /** A publisher as the auto-configuration builds one (defaults: a day's dedupe, no replica wait). */
    TaskPublisher publisher(RedisKeys publishKeys) {
        return new TaskPublisher(
                new BusScripts(bus, publishKeys),
                codec,
                Clock.systemUTC(),
                Duration.ofHours(24),
                TaskPublisher.Durability.NONE);
    }

    /** The parts a worker container runs on, as the auto-configuration wires them. */
    BusParts parts() {
        BusScripts scripts = new BusScripts(bus, keys);
        return new BusParts(
                bus,
                scripts,
                codec,
                publisher(keys),
                new TaskRecovery(scripts, codec, Clock.systemUTC()),
                new QueueInspector(bus, keys, codec, Clock.systemUTC()));
    }

    TaskCodec codec() {
        return codec;
    }

    RedisCommands<String, String> plain() {
        return plain.sync();
    }

    RedisInfo info() {
        return RedisInfo.take(plain.sync());
    }

    /** Unlinks every key of {@code prefix}; bounded, so a huge foreign keyspace cannot keep it scanning forever. */
    long deleteKeys(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("refusing to delete keys of prefix '" + prefix + "'");
        }
        RedisCommands<String, String> redis = plain.sync();
        ScanArgs match = ScanArgs.Builder.matches(prefix + ":*").limit(1000);
        ScanCursor cursor = ScanCursor.INITIAL;
        long deleted = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int round = 0; round < 1_000_000 && System.nanoTime() < deadline; round++) {
            KeyScanCursor<String> page = redis.scan(cursor, match);
            if (!page.getKeys().isEmpty()) {
                deleted += redis.unlink(page.getKeys().toArray(String[]::new));
            }
            if (page.isFinished()) {
                break;
            }
            cursor = page;
        }
        return deleted;
    }

    @Override
    public void close() {
        plain.close();
        bus.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** {@code --prefix}: checked as it is parsed. */
    static final class Prefix implements ITypeConverter<String> {

        @Override
        public String convert(String value) {
            if (!PREFIX.matcher(value).matches()) {
                throw new TypeConversionException("a key prefix matches " + PREFIX + ", was '" + value + "'");
            }
            return value;
        }
    }
}
