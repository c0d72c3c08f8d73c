package com.split.tasks.logs;

import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.codec.TaskCodec;
import io.lettuce.core.Range;
import java.util.List;

/**
 * What the {@code split:logs} stream of a test's key prefix holds, decoded as log-srv will decode it; injected with
 * {@code @Import(LogStream.class)}.
 */
record LogStream(BusRedis redis, RedisKeys keys, TaskCodec codec) {

    List<LogRecord> records() {
        return redis.await(redis.commands().xrange(keys.logs(), Range.create("-", "+"))).stream()
                .map(entry -> {
                    if (entry.getBody().size() != 1) {
                        throw new AssertionError("a log entry has one field, not "
                                + entry.getBody().keySet());
                    }
                    return LogRecord.fromJson(codec.mapper(), entry.getBody().get(LogRecord.STREAM_FIELD));
                })
                .toList();
    }
}
