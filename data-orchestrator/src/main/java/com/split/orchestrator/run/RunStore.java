package com.split.orchestrator.run;

import com.split.tasks.TaskPriority;
import com.split.tasks.bus.LuaScript;
import com.split.tasks.bus.RedisState;
import com.split.tasks.codec.TaskCodec;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run state in Redis, changed only by the scripts in {@code lua/}, one per state change. A run is three keys
 * with the hash tag {@code {orchestrator_tasks}}, so every script touches one cluster slot:
 *
 * <pre>
 * &lt;prefix&gt;:{orchestrator_tasks}:run:&lt;session id&gt;            hash: the run's fields (below)
 * &lt;prefix&gt;:{orchestrator_tasks}:run:&lt;session id&gt;:children   hash: child task id → {"step", "chunk", "type", "tickers"}
 * &lt;prefix&gt;:{orchestrator_tasks}:run:&lt;session id&gt;:endings    hash: child task id → its task_finished payload
 * </pre>
 *
 * Run fields: {@code session_id, user_id, portfolio_id, refresh_task_id, priority} (of the refresh; absent in runs
 * created before it was kept: normal), {@code tickers} (JSON), {@code started_at,
 * deadline_task_id, deadline_at, status} (RUNNING, SUCCESS, FAILURE, TIMEOUT), {@code reason, finished_at, step}
 * (fetch, filter, select), {@code phase} (running: waiting for the step's children; advancing: complete, its successor
 * not yet begun), {@code owner} (the task whose handler made the last transition), {@code pending} (1 while that
 * transition's effects may not all have happened), {@code sequence} (of run_progress), and per begun step {@code
 * <step>.state} (running, done, failed), {@code <step>.started_at, <step>.finished_at, <step>.expected} (children)
 * and {@code <step>.finished} (children ended). Times are ISO-8601 UTC.
 *
 * <p>The keys live for the run timeout plus the retention from the start, and for the retention once the run ended.
 * Thread-safe.
 */
@Component
class RunStore {

    /** What {@link #create} found. */
    enum Created {
        /** The run is new. */
        CREATED,
        /** This refresh created it and its effects may not all have happened. */
        RESUME,
        /** The run exists and is not this refresh's to finish. */
        KNOWN
    }

    /** What {@link #record} made of an ending; see {@code run-record-3.lua}. */
    enum Verdict {
        UNKNOWN,
        RESUME,
        ENDED,
        STALE,
        RECORDED,
        COMPLETED
    }

    /** A verdict and the step of the child it was about, when the child is one of the run's. */
    record Recorded(Verdict verdict, @Nullable Step step) {}

    /** A run about to be created; {@code failure} ends it at once (a refresh without tickers). */
    record NewRun(
            String sessionId,
            String userId,
            long portfolioId,
            UUID refreshTaskId,
            TaskPriority priority,
            List<String> tickers,
            Instant startedAt,
            UUID deadlineTaskId,
            Instant deadlineAt,
            List<ChildSpec> children,
            @Nullable String failure) {}

    private static final LuaScript CREATE = writing("run-create-2");
    private static final LuaScript RECORD = script("run-record-3");
    private static final LuaScript ADVANCE = writing("run-advance-2");
    private static final LuaScript END = script("run-end-3");
    private static final LuaScript SETTLE = script("run-settle-1");
    private static final LuaScript READ = script("run-read-3");

    private final RedisState redis;
    private final JsonMapper mapper;

    RunStore(RedisState redis, TaskCodec codec) {
        this.redis = redis;
        this.mapper = codec.mapper();
    }

    /** The run's keys: the hash, its children, their endings. */
    List<String> keys(String sessionId) {
        return redis.runKeys(sessionId);
    }

    /** Creates the run with its fetch children, or finds it; the refresh task becomes its owner. */
    Created create(NewRun run, Duration ttl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("session_id", run.sessionId());
        fields.put("user_id", run.userId());
        fields.put("portfolio_id", Long.toString(run.portfolioId()));
        fields.put("refresh_task_id", run.refreshTaskId().toString());
        fields.put("priority", run.priority().wireName());
        fields.put("tickers", mapper.writeValueAsString(run.tickers()));
        fields.put("started_at", run.startedAt().toString());
        fields.put("deadline_task_id", run.deadlineTaskId().toString());
        fields.put("deadline_at", run.deadlineAt().toString());
        fields.put("status", RunStatus.RUNNING.name());
        fields.put("reason", "");
        fields.put("step", Step.FETCH.wireName());
        fields.put("phase", phase(RunState.Phase.RUNNING));
        fields.put("owner", run.refreshTaskId().toString());
        fields.put("pending", "1");
        fields.put("sequence", "0");
        fields.putAll(begin(Step.FETCH, run.children().size(), run.startedAt()));
        if (run.failure() != null) {
            fields.put("status", RunStatus.FAILURE.name());
            fields.put("reason", run.failure());
            fields.put("finished_at", run.startedAt().toString());
            fields.put("fetch.state", StepState.FAILED.wireName());
            fields.put("fetch.finished_at", run.startedAt().toString());
        }
        List<String> args = new ArrayList<>(List.of(run.refreshTaskId().toString(), Long.toString(ttl.toMillis())));
        addFields(args, fields);
        addChildren(args, run.children());
        String reply =
                redis.run(CREATE, ScriptOutputType.VALUE, keys(run.sessionId()).subList(0, 2), args);
        return Created.valueOf(reply.toUpperCase(Locale.ROOT));
    }

    /** The join: records a child's ending, carried by the notice {@code noticeId}. */
    Recorded record(String sessionId, UUID childId, UUID noticeId, JsonNode payload) {
        List<?> reply = redis.run(
                RECORD,
                ScriptOutputType.MULTI,
                keys(sessionId),
                List.of(childId.toString(), noticeId.toString(), mapper.writeValueAsString(payload)));
        String step = (String) reply.get(1);
        return new Recorded(
                Verdict.valueOf(((String) reply.get(0)).toUpperCase(Locale.ROOT)),
                step.isEmpty() ? null : Step.of(step));
    }

    /** Begins {@code next.next()} after {@code from}, if {@code owner} still owns the advance of a running run. */
    boolean advance(String sessionId, UUID owner, Step from, Transition.Advance next, Instant at) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("step", next.next().wireName());
        fields.put("phase", phase(RunState.Phase.RUNNING));
        fields.put("pending", "1");
        fields.put(from.wireName() + ".state", StepState.DONE.wireName());
        fields.put(from.wireName() + ".finished_at", at.toString());
        fields.putAll(begin(next.next(), next.children().size(), at));
        List<String> args = new ArrayList<>(List.of(owner.toString(), from.wireName()));
        addFields(args, fields);
        addChildren(args, next.children());
        return redis.<Long>run(
                        ADVANCE, ScriptOutputType.INTEGER, keys(sessionId).subList(0, 2), args)
                == 1;
    }

    /**
     * Ends a running run, and keeps its keys for {@code retention}.
     *
     * @param byDeadline whether the deadline ends it (then whatever it is doing); otherwise {@code owner} must own the
     *     advance of its complete step
     */
    boolean end(String sessionId, UUID owner, boolean byDeadline, Transition.End end, Instant at, Duration retention) {
        Long applied = redis.run(
                END,
                ScriptOutputType.INTEGER,
                keys(sessionId),
                List.of(
                        owner.toString(),
                        byDeadline ? "any" : "advancing",
                        end.status().name(),
                        end.reason() == null ? "" : end.reason(),
                        at.toString(),
                        end.stepState().wireName(),
                        Long.toString(retention.toMillis())));
        return applied == 1;
    }

    /** Notes that {@code owner}'s transition has had all its effects, if it is still the last one. */
    boolean settle(String sessionId, UUID owner) {
        return redis.<Long>run(
                        SETTLE, ScriptOutputType.INTEGER, keys(sessionId).subList(0, 1), List.of(owner.toString()))
                == 1;
    }

    /**
     * The run's state at one instant.
     *
     * @param forMessage whether a {@code run_progress} message is built from it: then it carries the next sequence
     */
    Optional<RunState> read(String sessionId, boolean forMessage) {
        List<?> reply = redis.run(READ, ScriptOutputType.MULTI, keys(sessionId), List.of(forMessage ? "1" : "0"));
        if (reply == null || reply.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> fields = pairs(reply.get(1));
        List<ChildSpec> children = new ArrayList<>();
        pairs(reply.get(2)).forEach((id, spec) -> children.add(ChildSpec.fromJson(UUID.fromString(id), spec, mapper)));
        children.sort(Comparator.comparing(ChildSpec::step)
                .thenComparingInt(ChildSpec::chunk)
                .thenComparingInt(child -> child.step().taskTypes().indexOf(child.type())));
        Map<UUID, Ending> endings = new LinkedHashMap<>();
        pairs(reply.get(3))
                .forEach((id, payload) ->
                        endings.put(UUID.fromString(id), Ending.fromPayload(mapper.readTree(payload))));
        Map<Step, RunState.StepProgress> steps = new EnumMap<>(Step.class);
        for (Step step : Step.values()) {
            String state = fields.get(step.wireName() + ".state");
            if (state != null) {
                steps.put(
                        step,
                        new RunState.StepProgress(
                                StepState.of(state),
                                Instant.parse(fields.get(step.wireName() + ".started_at")),
                                instant(fields.get(step.wireName() + ".finished_at"))));
            }
        }
        String owner = fields.get("owner");
        String reason = fields.get("reason");
        return Optional.of(new RunState(
                fields.get("session_id"),
                fields.get("user_id"),
                Long.parseLong(fields.get("portfolio_id")),
                UUID.fromString(fields.get("refresh_task_id")),
                TaskPriority.of(fields.getOrDefault("priority", TaskPriority.NORMAL.wireName())),
                mapper.readTree(fields.get("tickers"))
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList(),
                Instant.parse(fields.get("started_at")),
                UUID.fromString(fields.get("deadline_task_id")),
                Instant.parse(fields.get("deadline_at")),
                RunStatus.valueOf(fields.get("status")),
                reason == null || reason.isEmpty() ? null : reason,
                instant(fields.get("finished_at")),
                Step.of(fields.get("step")),
                RunState.Phase.valueOf(fields.get("phase").toUpperCase(Locale.ROOT)),
                owner == null ? null : UUID.fromString(owner),
                "1".equals(fields.get("pending")),
                (Long) reply.get(0),
                steps,
                List.copyOf(children),
                endings));
    }

    private static Map<String, String> begin(Step step, int children, Instant at) {
        String name = step.wireName();
        return Map.of(
                name + ".state", StepState.RUNNING.wireName(),
                name + ".started_at", at.toString(),
                name + ".expected", Integer.toString(children),
                name + ".finished", "0");
    }

    private static String phase(RunState.Phase phase) {
        return phase.name().toLowerCase(Locale.ROOT);
    }

    private static void addFields(List<String> args, Map<String, String> fields) {
        args.add(Integer.toString(fields.size() * 2));
        fields.forEach((name, value) -> {
            args.add(name);
            args.add(value);
        });
    }

    private void addChildren(List<String> args, List<ChildSpec> children) {
        args.add(Integer.toString(children.size() * 2));
        for (ChildSpec child : children) {
            args.add(child.taskId().toString());
            args.add(child.toJson(mapper));
        }
    }

    private static Map<String, String> pairs(Object hgetall) {
        List<?> flat = (List<?>) hgetall;
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return map;
    }

    private static @Nullable Instant instant(@Nullable String text) {
        return text == null || text.isEmpty() ? null : Instant.parse(text);
    }

    private static LuaScript script(String name) {
        return LuaScript.load(RunStore.class, "lua/" + name + ".lua");
    }

    /** A script that writes fields and children as {@link #addFields} and {@link #addChildren} lay them out. */
    private static LuaScript writing(String name) {
        return LuaScript.load(RunStore.class, "lua/run-write.lua", "lua/" + name + ".lua");
    }
}
