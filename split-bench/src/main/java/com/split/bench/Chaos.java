package com.split.bench;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.bus.BusUnavailableException;
import com.split.tasks.bus.TaskPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code chaos}: the stack under faults. It starts a stack of its own with {@code bin/split up} (its own Redis,
 * ports, keys and schemas), then for each scenario publishes a load of fetch tasks through {@link TaskPublisher},
 * spread over {@code --load-seconds}, and starts refreshes through portfolio-mngr's API; injects the fault while they
 * run, brings back what died with {@code bin/split up} as an operator would, and waits until every task is terminal
 * (asking event-srv to reconcile once a minute meanwhile). It prints one table: per scenario the tasks, those lost
 * (published but never terminal), those the journal never heard of, the attempts run again (and how many of them
 * followed a lost worker or a task Redis lost), the tasks wrongly failed, the runs that did not succeed, how long
 * everything took to end once the fault was over and the load published, and the journal's conservation at the end.
 */
@Command(
        name = "chaos",
        description = {
            "The stack under faults: workers killed or frozen, Redis killed or stopped, MariaDB stopped, the"
                    + " journals killed.",
            "Starts a stack of its own with bin/split (ports +2000, Redis on 8379), removed at the end; needs"
                    + " root for `service mariadb`. Takes about 20 minutes with every scenario."
        })
final class Chaos extends BenchCommand {

    private static final Duration PUBLISH_EVERY = Duration.ofMillis(250);

    /** The faults, each on the stack while its load runs. */
    enum Scenario {
        YAHOO_GATEWAY_KILLED("yahoo-gateway SIGKILL", Duration.ZERO),
        INIT_FILTER_KILLED("init-filter SIGKILL", Duration.ZERO),
        FINAL_SEL_KILLED("final-sel SIGKILL", Duration.ZERO),
        YAHOO_GATEWAY_FROZEN("yahoo-gateway SIGSTOP 30 s", Duration.ofSeconds(30)),
        REDIS_KILLED("Redis SIGKILL (everysec)", Duration.ZERO),
        REDIS_KILLED_ALWAYS("Redis SIGKILL (always)", Duration.ZERO),
        REDIS_STOPPED("Redis stopped 30 s", Duration.ofSeconds(30)),
        MARIADB_STOPPED("MariaDB stopped 60 s", Duration.ofSeconds(60)),
        JOURNALS_KILLED("event-srv, log-srv killed 2 min", Duration.ofMinutes(2));

        final String label;
        final Duration outage;

        Scenario(String label, Duration outage) {
            this.label = label;
            this.outage = outage;
        }

        String slug() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @Option(names = "--tasks", defaultValue = "2000", description = "fetch tasks published per scenario")
    private int tasks;

    @Option(
            names = "--load-seconds",
            defaultValue = "20",
            paramLabel = "SECONDS",
            description = "over how long the tasks are published, the fault in the middle of it")
    private Duration loadTime;

    @Option(names = "--refreshes", defaultValue = "4", description = "portfolios refreshed per scenario")
    private int refreshes;

    @Option(names = "--tickers", defaultValue = "10", description = "tickers per portfolio")
    private int tickers;

    @Option(
            names = "--scenarios",
            split = ",",
            paramLabel = "SCENARIO",
            description = "which to run (default: all): ${COMPLETION-CANDIDATES}")
    private List<Scenario> scenarios = List.of(Scenario.values());

    @Option(
            names = "--fault-after",
            defaultValue = "5",
            paramLabel = "SECONDS",
            description = "how long the load runs before the fault")
    private Duration faultAfter;

    @Option(
            names = "--max-wait",
            defaultValue = "300",
            paramLabel = "SECONDS",
            description = "how long a scenario may take to recover before what is left counts as lost")
    private Duration maxWait;

    @Option(
            names = "--yahoo-instances",
            defaultValue = "2",
            description = "yahoo-gateway instances: with two, one reaps what the other held when it was lost")
    private int yahooInstances;

    @Option(names = "--keep-stack", description = "leave the stack running afterwards, for a look")
    private boolean keepStack;

    /** What one scenario showed. */
    record Outcome(
            String scenario,
            long tasks,
            long lost,
            long unjournalled,
            long duplicateRuns,
            long afterLostWorker,
            long wronglyFailed,
            long runsFailed,
            double recoverySeconds,
            long conservation) {}

    @Override
    protected void check() {
        atLeast("--tasks", tasks, 1);
        atLeast("--refreshes", refreshes, 0);
        atLeast("--tickers", tickers, 1);
        atLeast("--yahoo-instances", yahooInstances, 1);
        require(!scenarios.isEmpty(), "--scenarios names none");
    }

    @Override
    protected void run() throws Exception {
        Path root = ChaosStack.repositoryRoot();
        ChaosStack stack = new ChaosStack(root, "everysec");
        err().println("chaos: starting a stack of its own with bin/split up (ports +" + ChaosStack.PORT_OFFSET
                + ", Redis on " + ChaosStack.REDIS_PORT + ")");
        err().flush();
        List<Outcome> outcomes = new ArrayList<>();
        try {
            stack.split("up");
            if (yahooInstances > 1) {
                stack.split("scale", "yahoo-gateway", Integer.toString(yahooInstances));
            }
            ChaosJournal journal = new ChaosJournal(
                    "jdbc:mysql://127.0.0.1:3306/" + stack.schema("split_events"),
                    stack.schema("event_srv"),
                    devPassword(root, "SPLIT_EVENT_SRV_DB_PASSWORD"));
            try (BenchRedis redis = new BenchRedis(stack.redisUrl(), stack.keyPrefix(), "yahoo_tasks")) {
                TaskPublisher publisher = redis.publisher(redis.keys());
                List<Long> portfolios = new ArrayList<>();
                for (int i = 0; i < refreshes; i++) {
                    portfolios.add(createPortfolio(stack, "chaos-" + i));
                }
                List<String> symbols = Refresh.symbols(20);
                for (Scenario scenario : scenarios) {
                    Outcome outcome = run(scenario, stack, journal, publisher, symbols, portfolios);
                    outcomes.add(outcome);
                    err().println("chaos: " + Json.line(outcome));
                    err().flush();
                }
            }
        } finally {
            if (keepStack) {
                err().println("chaos: the stack keeps running (--keep-stack); bin/split down --all --purge with its"
                        + " environment removes it");
            } else {
                stack.close();
            }
        }
        print(outcomes);
    }

    private Outcome run(
            Scenario scenario,
            ChaosStack stack,
            ChaosJournal journal,
            TaskPublisher publisher,
            List<String> symbols,
            List<Long> portfolios)
            throws Exception {
        err().println("chaos: " + scenario.label + ": " + tasks + " fetch tasks and " + portfolios.size()
                + " refreshes");
        err().flush();
        if (scenario == Scenario.REDIS_KILLED_ALWAYS) {
            stack.appendfsync("always");
        }
        String session =
                "chaos-" + scenario.slug() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Set<UUID> published = ConcurrentHashMap.newKeySet();
        AtomicReference<RuntimeException> publishFailed = new AtomicReference<>();
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                publish(publisher, session, symbols, published);
            } catch (RuntimeException e) {
                publishFailed.set(e);
            }
        });
        Map<String, Long> runs = new LinkedHashMap<>();
        for (long portfolio : portfolios) {
            runs.put(refresh(stack, portfolio), portfolio);
        }
        Thread.sleep(faultAfter.toMillis());

        inject(scenario, stack);
        if (scenario == Scenario.REDIS_KILLED_ALWAYS) {
            stack.appendfsync("everysec");
        }
        producer.join();
        if (publishFailed.get() != null) {
            throw new IllegalStateException(
                    "publishing the load of " + scenario.label + " failed", publishFailed.get());
        }
        long whole = System.nanoTime(); // the fault is over and the whole load published

        long deadline = System.nanoTime() + maxWait.toNanos();
        long nextReconcile = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        double recoverySeconds = Double.NaN;
        Set<String> openRuns = new LinkedHashSet<>(runs.keySet());
        while (System.nanoTime() < deadline) {
            try {
                openRuns.removeIf(run -> ended(stack, run));
                if (openRuns.isEmpty() && journal.terminal(published).size() == published.size()) {
                    recoverySeconds = (System.nanoTime() - whole) / 1e9;
                    break;
                }
                if (System.nanoTime() > nextReconcile) {
                    stack.post(stack.url("event-srv") + "/api/recovery/reconcile", "");
                    nextReconcile = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                }
            } catch (Exception e) {
                // a part still down: look again
            }
            Thread.sleep(500);
        }
        long conservation = conservation(stack);
        List<String> sessions = new ArrayList<>();
        sessions.add(session);
        sessions.addAll(runs.keySet());
        ChaosJournal.Accounting accounting = journal.account(sessions, published);
        long runsFailed = runs.keySet().stream()
                .filter(run -> !status(stack, run).equals("SUCCESS"))
                .count();
        Set<UUID> terminal = journal.terminal(published);
        return new Outcome(
                scenario.label,
                accounting.tasks() + accounting.unjournalled(),
                published.size() - terminal.size() + openRuns.size(),
                accounting.unjournalled(),
                accounting.duplicateRuns(),
                accounting.afterLostWorker(),
                accounting.failed(),
                runsFailed,
                recoverySeconds,
                conservation);
    }

    /** The fault, and what an operator does about it; returns once the stack is whole again. */
    private void inject(Scenario scenario, ChaosStack stack) throws Exception {
        switch (scenario) {
            case YAHOO_GATEWAY_KILLED -> killAndUp(stack, "yahoo-gateway");
            case INIT_FILTER_KILLED -> killAndUp(stack, "init-filter");
            case FINAL_SEL_KILLED -> killAndUp(stack, "final-sel");
            case YAHOO_GATEWAY_FROZEN -> {
                stack.signal("yahoo-gateway", "STOP");
                Thread.sleep(scenario.outage.toMillis());
                stack.signal("yahoo-gateway", "CONT");
            }
            case REDIS_KILLED, REDIS_KILLED_ALWAYS -> killAndUp(stack, "redis");
            case REDIS_STOPPED -> {
                stack.signal("redis", "TERM");
                Thread.sleep(scenario.outage.toMillis());
                stack.split("up");
            }
            case MARIADB_STOPPED -> {
                ChaosStack.mariadb("stop");
                Thread.sleep(scenario.outage.toMillis());
                stack.split("up");
            }
            case JOURNALS_KILLED -> {
                stack.signal("event-srv", "KILL");
                stack.signal("log-srv", "KILL");
                Thread.sleep(scenario.outage.toMillis());
                stack.split("up");
            }
        }
    }

    private static void killAndUp(ChaosStack stack, String process) throws Exception {
        stack.signal(process, "KILL");
        stack.split("up");
    }

    /**
     * Publishes the load as any initiator does, spread over {@code --load-seconds}, each task with an idempotency key
     * so that a publish retried while Redis is away is one; a task counts as published once a publish returned.
     */
    private void publish(TaskPublisher publisher, String session, List<String> symbols, Set<UUID> published) {
        List<TaskEnvelope> load = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            UUID id = UUID.randomUUID();
            load.add(TaskEnvelope.builder(i % 2 == 0 ? TaskType.FETCH_PRICES : TaskType.FETCH_FUNDAMENTALS)
                    .taskId(id)
                    .initiator("split-bench", "chaos")
                    .sessionId(session)
                    .tickers(symbols.get(i % symbols.size()))
                    .idempotencyKey("chaos-" + id)
                    .build());
        }
        int chunks = (int) Math.max(1, loadTime.toMillis() / PUBLISH_EVERY.toMillis());
        int size = Math.max(1, (tasks + chunks - 1) / chunks);
        long next = System.nanoTime();
        for (int from = 0; from < load.size(); from += size) {
            List<TaskEnvelope> chunk = load.subList(from, Math.min(load.size(), from + size));
            while (true) {
                try {
                    publisher.publishAll(chunk);
                    break;
                } catch (BusUnavailableException e) {
                    sleep(PUBLISH_EVERY);
                }
            }
            chunk.forEach(task -> published.add(task.taskId()));
            next += PUBLISH_EVERY.toNanos();
            sleep(Duration.ofNanos(next - System.nanoTime()));
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long createPortfolio(ChaosStack stack, String name) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name + "-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("tickers", Refresh.symbols(tickers));
        body.put("reason", "split-bench chaos");
        return stack.post(stack.url("portfolio-mngr") + "/api/portfolios", Json.line(body))
                .get("id")
                .asLong();
    }

    private static String refresh(ChaosStack stack, long portfolio) throws Exception {
        return stack.post(stack.url("portfolio-mngr") + "/api/portfolios/" + portfolio + "/refresh", "")
                .get("session_id")
                .asString();
    }

    private static boolean ended(ChaosStack stack, String run) {
        return !status(stack, run).equals("RUNNING");
    }

    private static String status(ChaosStack stack, String run) {
        try {
            return stack.get(stack.url("portfolio-mngr") + "/api/runs/" + run)
                    .get("status")
                    .asString();
        } catch (Exception e) {
            return "RUNNING"; // portfolio-mngr not answering yet counts as not ended
        }
    }

    /** The largest conservation difference of a queue once the journal has caught up, waiting up to a minute. */
    private static long conservation(ChaosStack stack) throws InterruptedException {
        long worst = Long.MAX_VALUE;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode queues = stack.get(stack.url("event-srv") + "/api/recovery/stuck")
                        .get("conservation");
                worst = 0;
                for (JsonNode queue : queues) {
                    worst = Math.max(worst, Math.abs(queue.get("difference").asLong()));
                }
                if (worst == 0) {
                    return 0;
                }
            } catch (Exception e) {
                // event-srv not back yet
            }
            Thread.sleep(1_000);
        }
        return worst;
    }

    /** A service's development password, from the environment or docker/dev.env, as bin/split gives it. */
    private static String devPassword(Path root, String variable) throws Exception {
        String set = System.getenv(variable);
        if (set != null) {
            return set;
        }
        for (String line : Files.readAllLines(root.resolve("docker/dev.env"))) {
            if (line.startsWith(variable + "=")) {
                return line.substring(variable.length() + 1);
            }
        }
        throw new IllegalStateException(variable + " is neither set nor in docker/dev.env");
    }

    /** The table, as Markdown, then the figures as one JSON line. */
    private void print(List<Outcome> outcomes) {
        out().println("| scenario | tasks | lost | never journalled | attempts run again | of them after a lost"
                + " worker | wrongly failed | runs not SUCCESS | all ended, after the fault and the load |"
                + " conservation |");
        out().println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Outcome o : outcomes) {
            out().printf(
                            Locale.ROOT,
                            "| %s | %d | %d | %d | %d | %d | %d | %d | %.1f s | %d |%n",
                            o.scenario(),
                            o.tasks(),
                            o.lost(),
                            o.unjournalled(),
                            o.duplicateRuns(),
                            o.afterLostWorker(),
                            o.wronglyFailed(),
                            o.runsFailed(),
                            o.recoverySeconds(),
                            o.conservation());
        }
        out().println(Json.line(Map.of("chaos", outcomes)));
        out().flush();
    }
}
