package com.split.tasks.bus.schedule;

import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.codec.TaskCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recurring schedules, kept in Redis so that every scheduler of every service sees the same ones: their
 * definitions in one hash ({@link RedisKeys#schedules()}), with a version that goes up on each change, and each one's
 * last run on its queue's slot, next to the ready list its runs go to. Thread-safe.
 */
public final class Schedules {

    private static final Logger log = LoggerFactory.getLogger(Schedules.class);

    private final BusRedis redis;
    private final RedisKeys keys;
    private final TaskCodec codec;

    public Schedules(BusRedis redis, RedisKeys keys, TaskCodec codec) {
        this.redis = redis;
        this.keys = keys;
        this.codec = codec;
    }

    /** Defines or redefines a schedule. */
    public void put(Schedule schedule) {
        var commands = redis.commands();
        // one after the other, not pipelined: on a cluster the two keys may live on two nodes, and a scheduler that
        // saw the new version before the definition would not look again until the next change
        redis.await(
                commands.hset(keys.schedules(), schedule.name(), codec.mapper().writeValueAsBytes(schedule)));
        redis.await(commands.incr(keys.schedulesVersion()));
    }

    /** Removes a schedule and its last run. @return whether there was one */
    public boolean remove(String name) {
        Optional<Schedule> schedule = get(name);
        if (schedule.isEmpty()) {
            return false;
        }
        var commands = redis.commands();
        redis.await(commands.hdel(keys.schedules(), name));
        redis.await(commands.hdel(keys.scheduleRuns(schedule.get().task().queue()), name));
        redis.await(commands.incr(keys.schedulesVersion()));
        return true;
    }

    public Optional<Schedule> get(String name) {
        return Optional.ofNullable(read(name, redis.await(redis.commands().hget(keys.schedules(), name))));
    }

    /** Every schedule that can be read, by name; one that cannot (a newer definition) is left out with a warning. */
    public List<Schedule> all() {
        Map<String, byte[]> stored = redis.await(redis.commands().hgetall(keys.schedules()));
        List<Schedule> schedules = new ArrayList<>(stored.size());
        stored.forEach((name, json) -> {
            Schedule schedule = read(name, json);
            if (schedule != null) {
                schedules.add(schedule);
            }
        });
        schedules.sort(Comparator.comparing(Schedule::name));
        return schedules;
    }

    /** A number that changes whenever a schedule is put or removed. */
    public long version() {
        byte[] version = redis.await(redis.commands().get(keys.schedulesVersion()));
        return version == null ? 0 : Long.parseLong(new String(version, StandardCharsets.UTF_8));
    }

    /** The last run of each schedule that has run, in one pipelined round trip. */
    public Map<String, LastRun> lastRuns(List<Schedule> schedules) {
        var commands = redis.commands();
        Map<String, CompletionStage<byte[]>> replies = new LinkedHashMap<>();
        for (Schedule schedule : schedules) {
            replies.put(
                    schedule.name(),
                    commands.hget(keys.scheduleRuns(schedule.task().queue()), schedule.name()));
        }
        Map<String, LastRun> runs = new LinkedHashMap<>();
        replies.forEach((name, reply) -> {
            byte[] value = redis.await(reply);
            if (value != null) {
                runs.put(name, LastRun.parse(new String(value, StandardCharsets.UTF_8)));
            }
        });
        return runs;
    }

    private @Nullable Schedule read(String name, byte @Nullable [] json) {
        if (json == null) {
            return null;
        }
        try {
            return codec.mapper().readValue(json, Schedule.class);
        } catch (RuntimeException e) {
            log.warn("Schedule {} cannot be read and is left alone: {}", name, e.getMessage());
            return null;
        }
    }
}
