package com.split.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.autoconfigure.LogShippingAutoConfiguration;
import com.split.tasks.autoconfigure.TaskBusAutoConfiguration;
import com.split.tasks.bus.QueueInspector;
import com.split.tasks.bus.QueuePauses;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.TaskRecovery;
import com.split.tasks.bus.schedule.Schedules;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.logs.LogRecord;
import com.split.tasks.streams.BusStreams;
import com.split.tasks.streams.StreamGroupConsumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.health.DataRedisReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis users of a deployment, {@code docker/redis/users.acl}, let each service do its work and nothing else. The
 * test renders the file with {@code docker/redis/render-acl}, as docker compose's Redis and {@code bin/split} do, with
 * a key prefix and user names of its own, gives its service users to the tests' Redis with {@code ACL SETUSER} (as
 * {@code bin/split} gives them to a Redis that runs already), and then:
 *
 * <ul>
 *   <li>runs a refresh's way through the bus with the real bus runtime of task-contracts in seven Spring contexts, each
 *       logged in as one service's user: portfolio-mngr publishes, data-orchestrator, yahoo-gateway, init-filter and
 *       final-sel work (heartbeats, reaper, promoter, notices, the queue gauges), every context ships its WARN lines to
 *       the logs stream, event-srv reads every events stream as a consumer group and inspects, cancels and reaps as
 *       its operations API does, log-srv reads the logs stream; Redis logs no refusal meanwhile (ACL LOG);
 *   <li>refuses every user what no service needs: KEYS, SCAN, CONFIG, FLUSHALL, FLUSHDB, SHUTDOWN, DEBUG, ACL,
 *       SCRIPT, MONITOR, CLIENT KILL, Pub/Sub, a key outside the prefix (directly and from a script), and the stream
 *       readers' and data-orchestrator's commands to those who are neither;
 *   <li>allows each service's user every command of every Lua script of the service's and task-contracts'
 *       {@code src/main} ({@code ACL DRYRUN}), so a command added to a script without its rule fails here;
 *   <li>loads the rendered file as the {@code aclfile} of a Redis of its own, whose {@code default} user then needs
 *       its password.
 * </ul>
 *
 * <p>Deletes its users and keys afterwards. Needs the tests' Redis (SPLIT_TEST_REDIS_URL, by default
 * redis://127.0.0.1:6379, whose administrator the URL names) and {@code redis-server} and {@code redis-cli}.
 */
@TestMethodOrder(OrderAnnotation.class)
class RedisAclIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(RedisAclIntegrationTests.class);

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final RedisURI SERVER =
            RedisURI.create(System.getenv().getOrDefault("SPLIT_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
    static final String ID =
            HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    static final String KEY_PREFIX = "acl-" + ID;
    static final String USER_PREFIX = "acl_" + ID + "_";
    static final String ADMIN_PASSWORD = "admin-" + ID;
    static final List<String> SERVICES = List.of(
            "portfolio-mngr", "data-orchestrator", "yahoo-gateway", "init-filter", "final-sel", "event-srv", "log-srv");
    static final Set<String> STREAM_READERS = Set.of("event-srv", "log-srv");
    /** The services that run the recurring scheduler ({@code split.bus.scheduler.enabled}), and its script. */
    static final List<String> SCHEDULERS = List.of("portfolio-mngr", "event-srv");

    static final String SCHEDULER_SCRIPT = "fire-3.lua";
    static final List<QueueName> QUEUES = List.of(
            QueueName.ORCHESTRATOR_TASKS,
            QueueName.YAHOO_TASKS,
            QueueName.INIT_FILTER_TASKS,
            QueueName.FINAL_SEL_TASKS,
            QueueName.PORTFOLIO_TASKS);
    static final String WARNING = "acl-test warning " + ID;

    // What the contexts' handlers and consumers saw.
    static final Set<String> completedSessions = ConcurrentHashMap.newKeySet();
    static final Map<UUID, String> taskTypes = new ConcurrentHashMap<>();
    static final Map<UUID, Set<String>> eventTypes = new ConcurrentHashMap<>();
    static final Set<String> warningModules = ConcurrentHashMap.newKeySet();

    static List<String> acl;
    static RedisClient client;
    static StatefulRedisConnection<String, String> adminConnection;
    static RedisCommands<String, String> admin;

    @BeforeAll
    static void giveTheServiceUsersToTheTestsRedis() throws Exception {
        acl = render();
        client = RedisClient.create(SERVER);
        adminConnection = client.connect();
        admin = adminConnection.sync();
        for (String line : acl) {
            List<String> words = Arrays.asList(line.split(" "));
            if (words.get(0).equals("user") && !words.get(1).equals("default")) {
                CommandArgs<String, String> args =
                        new CommandArgs<>(StringCodec.UTF8).add("SETUSER").addValues(words.subList(1, words.size()));
                assertThat(admin.dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8), args))
                        .as(line)
                        .isEqualTo("OK");
            }
        }
        assertThat(admin.aclUsers())
                .containsAll(
                        SERVICES.stream().map(RedisAclIntegrationTests::user).toList());
    }

    @AfterAll
    static void deleteTheUsersAndKeys() {
        if (admin == null) {
            return;
        }
        admin.aclDeluser(SERVICES.stream().map(RedisAclIntegrationTests::user).toArray(String[]::new));
        List<String> keys = new ArrayList<>();
        ScanIterator.scan(admin, ScanArgs.Builder.matches(KEY_PREFIX + ":*").limit(500))
                .forEachRemaining(keys::add);
        if (!keys.isEmpty()) {
            admin.unlink(keys.toArray(String[]::new));
        }
        adminConnection.close();
        client.shutdown();
    }

    @Test
    @Order(1)
    void aRefreshGoesThroughTheBusWithEveryServiceLoggedInAsItsOwnUser() throws Exception {
        String session = "run-acl-" + ID;
        // One logging set-up for the seven contexts: Boot's would reset Logback at each start, detaching the log
        // shippers of the contexts started before.
        String loggingSystem = System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        List<ConfigurableApplicationContext> contexts = new ArrayList<>();
        try {
            contexts.add(start("event-srv", EventSrv.class));
            contexts.add(start("log-srv", LogSrv.class));
            contexts.add(start("yahoo-gateway", YahooGateway.class));
            contexts.add(start("init-filter", InitFilter.class));
            contexts.add(start("final-sel", FinalSel.class));
            contexts.add(start("data-orchestrator", DataOrchestrator.class));
            ConfigurableApplicationContext portfolioMngr = start("portfolio-mngr", PortfolioMngr.class);
            contexts.add(portfolioMngr);

            portfolioMngr
                    .getBean(TaskPublisher.class)
                    .publish(task(TaskType.REFRESH, session, "portfolio-mngr").build());

            await().atMost(Duration.ofSeconds(60)).until(() -> completedSessions.contains(session));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(succeeded())
                            .as("task types event-srv read a task_succeeded of")
                            .contains(
                                    "refresh",
                                    "fetch_prices",
                                    "initial_filter",
                                    "final_selection",
                                    "run_completed",
                                    TaskType.TASK_FINISHED_NAME));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(warningModules)
                            .as("services whose WARN line log-srv read")
                            .containsAll(SERVICES));

            // event-srv's operations: queue figures and dead letters, a cancel request, reaping, the journal's lag, a
            // pause.
            ConfigurableApplicationContext eventSrv = contexts.getFirst();
            QueueInspector inspector = eventSrv.getBean(QueueInspector.class);
            BusStreams streams = eventSrv.getBean(BusStreams.class);
            for (QueueName queue : QUEUES) {
                assertThat(inspector.figures(queue, Duration.ofSeconds(15))).isNotNull();
                assertThat(inspector.deadLetters(queue, 0, 10).total()).isZero();
                eventSrv.getBean(TaskRecovery.class).reapDeadWorkers(queue, Duration.ofSeconds(15), null);
                String last = streams.lastEntryId(streams.events(queue));
                if (last != null) {
                    streams.handledUpTo(streams.events(queue), "event-srv", last);
                }
            }
            eventSrv.getBean(TaskPublisher.class)
                    .cancel(QueueName.YAHOO_TASKS, UUID.randomUUID(), Duration.ofMinutes(1));
            QueuePauses pauses = eventSrv.getBean(QueuePauses.class);
            QueuePauses.QueuePause pause = new QueuePauses.QueuePause("acl-test", Instant.now(), null);
            assertThat(pauses.pause(QueueName.YAHOO_TASKS, pause)).isEmpty();
            assertThat(pauses.resume(QueueName.YAHOO_TASKS)).contains(pause);
            // Each scheduler put its configured schedule, and their runs were published, as the schedulers' users.
            Schedules schedules = eventSrv.getBean(Schedules.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> schedules.lastRuns(schedules.all()).keySet(),
                            ran -> ran.containsAll(SCHEDULERS.stream()
                                    .map(service -> "acl-" + service)
                                    .toList()));
            // Spring Boot's redis health indicator (INFO), in every context.
            for (ConfigurableApplicationContext context : contexts) {
                var health = new DataRedisReactiveHealthIndicator(context.getBean(LettuceConnectionFactory.class))
                        .health()
                        .block(Duration.ofSeconds(10));
                assertThat(health.getStatus())
                        .as(context.getEnvironment().getProperty("spring.application.name"))
                        .isEqualTo(Status.UP);
            }
        } finally {
            contexts.reversed().forEach(ConfigurableApplicationContext::close);
            restore("org.springframework.boot.logging.LoggingSystem", loggingSystem);
        }
        assertThat(admin.aclLog(128))
                .as("commands Redis refused the service users")
                .noneSatisfy(entry ->
                        assertThat(String.valueOf(entry.get("username"))).startsWith(USER_PREFIX));
    }

    @Test
    @Order(2)
    void everyServicesUserIsRefusedWhatNoServiceNeeds() {
        for (String service : SERVICES) {
            String user = user(service);
            try (StatefulRedisConnection<String, String> connection = client.connect(as(service))) {
                RedisCommands<String, String> redis = connection.sync();
                assertThat(redis.ping()).isEqualTo("PONG");
                assertThat(redis.set(KEY_PREFIX + ":probe:" + service, "v")).isEqualTo("OK");

                assertRefused(() -> redis.keys("*"), service);
                assertRefused(redis::scan, service);
                assertRefused(() -> redis.configGet("maxmemory"), service);
                assertRefused(() -> redis.set("other-" + ID + ":probe", "v"), service);
                assertRefused(() -> redis.get("split:{yahoo_tasks}:ready"), service);
                assertRefused(() -> redis.lpush("split:{yahoo_tasks}:ready", "v"), service);
                assertRefused(
                        () -> redis.eval(
                                "return redis.call('SET', KEYS[1], 'v')",
                                ScriptOutputType.STATUS,
                                "other-" + ID + ":probe"),
                        service);
                assertRefused(
                        () -> redis.eval("return redis.call('SET', 'other-" + ID + "', 'v')", ScriptOutputType.STATUS),
                        service);
                assertRefused(() -> redis.eval("return redis.call('KEYS', '*')", ScriptOutputType.MULTI), service);
            }
            // What would harm the server if it ran: asked of ACL DRYRUN, which checks without running.
            String key = KEY_PREFIX + ":probe";
            for (List<String> command : List.of(
                    List.of("FLUSHALL"),
                    List.of("FLUSHDB"),
                    List.of("SHUTDOWN"),
                    List.of("DEBUG", "SLEEP", "0"),
                    List.of("CONFIG", "SET", "maxmemory", "1"),
                    List.of("ACL", "SETUSER", "intruder"),
                    List.of("ACL", "LIST"),
                    List.of("SCRIPT", "FLUSH"),
                    List.of("MONITOR"),
                    List.of("CLIENT", "KILL", "ID", "1"),
                    List.of("CLIENT", "LIST"),
                    List.of("BGSAVE"),
                    List.of("REPLICAOF", "NO", "ONE"),
                    List.of("MODULE", "LIST"),
                    List.of("PUBLISH", "channel", "v"),
                    List.of("SUBSCRIBE", "channel"),
                    List.of("RENAME", key, "other-" + ID))) {
                assertThat(dryRun(user, command)).as("%s: %s", service, command).isNotEqualTo("OK");
            }
            // Only the stream readers acknowledge, delete and claim stream entries; only the orchestrator and the
            // schedulers keep hashes; only yahoo-gateway's gate and the schedulers count.
            String events = KEY_PREFIX + ":{yahoo_tasks}:events";
            Map<List<String>, Boolean> special = new LinkedHashMap<>();
            special.put(List.of("XACK", events, "event-srv", "0-1"), STREAM_READERS.contains(service));
            special.put(List.of("XDEL", events, "0-1"), STREAM_READERS.contains(service));
            special.put(
                    List.of("XREADGROUP", "GROUP", "event-srv", "c", "STREAMS", events, ">"),
                    STREAM_READERS.contains(service));
            special.put(List.of("XGROUP", "CREATE", events, "g", "$"), STREAM_READERS.contains(service));
            special.put(
                    List.of("HSET", key, "f", "v"),
                    service.equals("data-orchestrator") || SCHEDULERS.contains(service));
            special.put(List.of("INCR", key), service.equals("yahoo-gateway") || SCHEDULERS.contains(service));
            // Every service needs these: the positive control that DRYRUN says OK where it should.
            special.put(List.of("LPUSH", KEY_PREFIX + ":{yahoo_tasks}:ready", "v"), true);
            special.put(List.of("XADD", KEY_PREFIX + ":logs", "*", "record", "{}"), true);
            special.put(List.of("CLIENT", "SETNAME", "name"), true);
            special.put(List.of("INFO", "server"), true);
            special.forEach(
                    (command, allowed) -> assertThat(dryRun(user, command).equals("OK"))
                            .as("%s: %s allowed", service, command)
                            .isEqualTo(allowed));
        }
    }

    @Test
    @Order(3)
    void everyCommandOfEveryLuaScriptIsAllowedToTheServicesThatRunIt() throws IOException {
        Pattern call = Pattern.compile("redis\\.p?call\\(\\s*'([A-Za-z]+)'");
        Map<String, Set<String>> commandsByModule = new HashMap<>();
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            for (Path script : files.filter(path ->
                            path.toString().endsWith(".lua") && path.toString().contains("/src/main/resources/"))
                    .toList()) {
                String module = script.getFileName().toString().equals(SCHEDULER_SCRIPT)
                        ? "scheduler"
                        : ROOT.relativize(script).getName(0).toString();
                Matcher matcher = call.matcher(Files.readString(script));
                while (matcher.find()) {
                    commandsByModule
                            .computeIfAbsent(module, ignored -> new java.util.TreeSet<>())
                            .add(matcher.group(1).toUpperCase());
                }
            }
        }
        assertThat(commandsByModule).containsKeys("task-contracts", "scheduler", "data-orchestrator", "yahoo-gateway");
        commandsByModule.forEach((module, commands) -> {
            // task-contracts' scripts run in every service, but for the scheduler's; a service's own, in it alone.
            List<String> services = switch (module) {
                case "task-contracts" -> SERVICES;
                case "scheduler" -> SCHEDULERS;
                default -> List.of(module);
            };
            assertThat(SERVICES).containsAll(services);
            for (String service : services) {
                for (String command : commands) {
                    assertThat(dryRun(user(service), sample(command)))
                            .as("%s's user runs %s in %s's scripts", service, command, module)
                            .isEqualTo("OK");
                }
            }
        });
    }

    @Test
    @Order(4)
    void theRenderedFileIsTheAclFileOfARedisWhoseDefaultUserNeedsItsPassword() throws Exception {
        Path directory = Files.createTempDirectory("acl-redis-");
        Path file = Files.writeString(directory.resolve("users.acl"), String.join("\n", acl) + "\n");
        Path socket = directory.resolve("redis.sock");
        Process redis = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        "0",
                        "--unixsocket",
                        socket.toString(),
                        "--unixsocketperm",
                        "700",
                        "--aclfile",
                        file.toString(),
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        directory.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket) || !redis.isAlive());
            assertThat(redis.isAlive())
                    .as("redis-server with the ACL file: %s", Files.readString(directory.resolve("redis.log")))
                    .isTrue();
            assertThat(redisCli(socket, null, "PING")).contains("NOAUTH");
            assertThat(redisCli(socket, ADMIN_PASSWORD, "PING")).isEqualTo("PONG");
            assertThat(redisCli(socket, ADMIN_PASSWORD, "ACL", "USERS").lines())
                    .containsExactlyInAnyOrderElementsOf(Stream.concat(
                                    Stream.of("default"), SERVICES.stream().map(RedisAclIntegrationTests::user))
                            .toList());
        } finally {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path path : files.toList()) {
                    Files.deleteIfExists(path);
                }
            }
            Files.deleteIfExists(directory);
        }
    }

    // --- the services, as far as Redis sees them --------------------------------------------------------------------

    @ImportAutoConfiguration({
        DataRedisAutoConfiguration.class,
        TaskBusAutoConfiguration.class,
        LogShippingAutoConfiguration.class
    })
    abstract static class Service {}

    @Configuration(proxyBeanMethods = false)
    static class PortfolioMngr extends Service {
        @Bean
        TaskHandler runCompleted() {
            return TaskHandler.of(TaskType.RUN_COMPLETED, (task, context) -> {
                completedSessions.add(task.sessionId());
                return TaskOutcome.success();
            });
        }
    }

    /** Runs a refresh as a fixed chain: fetch, then filter, then select, each started by the notice of the one before. */
    @Configuration(proxyBeanMethods = false)
    static class DataOrchestrator extends Service {
        private final Map<String, AtomicInteger> notices = new ConcurrentHashMap<>();

        @Bean
        TaskHandler refresh(ObjectProvider<TaskPublisher> publisher) {
            return TaskHandler.of(TaskType.REFRESH, (task, context) -> {
                publisher.getObject().publish(child(TaskType.FETCH_PRICES, task.sessionId()));
                return TaskOutcome.success();
            });
        }

        @Bean
        TaskHandler taskFinished(ObjectProvider<TaskPublisher> publisher) {
            return TaskHandler.of(TaskType.TASK_FINISHED, (task, context) -> {
                int seen = notices.computeIfAbsent(task.sessionId(), ignored -> new AtomicInteger())
                        .incrementAndGet();
                TaskEnvelope next = switch (seen) {
                    case 1 -> child(TaskType.INITIAL_FILTER, task.sessionId());
                    case 2 -> child(TaskType.FINAL_SELECTION, task.sessionId());
                    default ->
                        task(TaskType.RUN_COMPLETED, task.sessionId(), "data-orchestrator")
                                .build();
                };
                publisher.getObject().publish(next);
                return TaskOutcome.success();
            });
        }

        private static TaskEnvelope child(TaskType type, String session) {
            return task(type, session, "data-orchestrator")
                    .replyTo(QueueName.ORCHESTRATOR_TASKS)
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class YahooGateway extends Service {
        @Bean
        TaskHandler fetchPrices() {
            return TaskHandler.of(TaskType.FETCH_PRICES, (task, context) -> {
                log.warn(WARNING); // shipped to the logs stream by every context's log shipping
                return TaskOutcome.success();
            });
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class InitFilter extends Service {
        @Bean
        TaskHandler initialFilter() {
            return TaskHandler.of(TaskType.INITIAL_FILTER, (task, context) -> TaskOutcome.success());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FinalSel extends Service {
        @Bean
        TaskHandler finalSelection() {
            return TaskHandler.of(TaskType.FINAL_SELECTION, (task, context) -> TaskOutcome.success());
        }
    }

    /** Reads every queue's events stream as the consumer group event-srv, as its journal does. */
    @Configuration(proxyBeanMethods = false)
    static class EventSrv extends Service {
        @Bean
        StreamGroupConsumer journal(BusStreams streams, TaskCodec codec) {
            Map<String, QueueName> queues = new HashMap<>();
            QUEUES.forEach(queue -> queues.put(streams.events(queue), queue));
            return streams.consumer(
                    "journal",
                    List.copyOf(queues.keySet()),
                    settings("event-srv"),
                    (stream, entries) -> entries.forEach(entry -> {
                        Map<String, String> fields = new HashMap<>();
                        entry.getBody()
                                .forEach((name, value) -> fields.put(name, new String(value, StandardCharsets.UTF_8)));
                        var decoded = codec.fromStreamFields(queues.get(stream), fields);
                        UUID taskId = decoded.event().taskId();
                        if (decoded.envelope() != null) {
                            taskTypes.put(taskId, decoded.envelope().taskType());
                        }
                        eventTypes
                                .computeIfAbsent(taskId, ignored -> ConcurrentHashMap.newKeySet())
                                .add(decoded.event().eventType().wireName());
                    }),
                    (stream, lag, pending, oldest) -> {},
                    Integer.MAX_VALUE - 8192);
        }
    }

    /** Reads the logs stream as the consumer group log-srv. */
    @Configuration(proxyBeanMethods = false)
    static class LogSrv extends Service {
        @Bean
        StreamGroupConsumer logs(BusStreams streams, TaskCodec codec) {
            return streams.consumer(
                    "logs",
                    List.of(streams.logs()),
                    settings("log-srv"),
                    (stream, entries) -> entries.forEach(entry -> {
                        LogRecord record = LogRecord.fromJson(
                                codec.mapper(), entry.getBody().get(LogRecord.STREAM_FIELD));
                        if (record.message().equals(WARNING)) {
                            warningModules.add(record.module());
                        }
                    }),
                    (stream, lag, pending, oldest) -> {},
                    Integer.MAX_VALUE - 8192);
        }
    }

    static StreamGroupConsumer.Settings settings(String group) {
        return new StreamGroupConsumer.Settings(
                group,
                group + "-" + ID,
                100,
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
    }

    static TaskEnvelope.Builder task(TaskType type, String session, String module) {
        return TaskEnvelope.builder(type)
                .sessionId(session)
                .userId("user_zero")
                .tickers("AAPL")
                .initiator(module, module + "-" + ID);
    }

    /** A context of the service's configuration, on the tests' Redis as the service's user, with the test's prefix. */
    static ConfigurableApplicationContext start(String service, Class<? extends Service> configuration) {
        List<String> arguments = new ArrayList<>(List.of(
                // None of the services' application.properties on the class path: only what is set here.
                "--spring.config.location=optional:classpath:/acl-test-none/",
                "--spring.application.name=" + service,
                "--spring.data.redis.host=" + SERVER.getHost(),
                "--spring.data.redis.port=" + SERVER.getPort(),
                "--spring.data.redis.username=" + user(service),
                "--spring.data.redis.password=" + password(service),
                "--split.bus.key-prefix=" + KEY_PREFIX,
                "--split.bus.worker.poll-timeout=200ms",
                "--split.bus.worker.heartbeat-interval=500ms",
                "--split.bus.worker.reap-interval=500ms",
                "--split.bus.worker.stats-interval=500ms",
                "--split.bus.worker.shutdown-grace=2s"));
        if (SCHEDULERS.contains(service)) {
            // the scheduler puts its configured schedule, reads them all, and publishes each second's run
            String schedule = "--split.bus.schedules.acl-" + service;
            arguments.addAll(List.of(
                    "--split.bus.scheduler.enabled=true",
                    schedule + ".every=1s",
                    schedule + ".task.type=acl_scheduled",
                    schedule + ".task.queue=acl_scheduled",
                    schedule + ".task.target-module=tests"));
        }
        return new SpringApplicationBuilder(configuration)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(arguments.toArray(String[]::new));
    }

    static Set<String> succeeded() {
        Set<String> types = new java.util.TreeSet<>();
        eventTypes.forEach((taskId, events) -> {
            if (events.contains("task_succeeded") && taskTypes.containsKey(taskId)) {
                types.add(taskTypes.get(taskId));
            }
        });
        return types;
    }

    static String user(String service) {
        return USER_PREFIX + service;
    }

    static String password(String service) {
        return "redis-" + service + "-" + ID;
    }

    static RedisURI as(String service) {
        return RedisURI.builder(SERVER)
                .withAuthentication(user(service), password(service))
                .build();
    }

    /** docker/redis/users.acl rendered for this test: its lines, comments gone. */
    static List<String> render() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "sh",
                        ROOT.resolve("docker/redis/render-acl").toString(),
                        ROOT.resolve("docker/redis/users.acl").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> environment = builder.environment();
        environment.put("SPLIT_KEY_PREFIX", KEY_PREFIX);
        environment.put("SPLIT_SCHEMA_PREFIX", USER_PREFIX);
        environment.put("SPLIT_REDIS_PASSWORD", ADMIN_PASSWORD);
        for (String service : SERVICES) {
            environment.put("SPLIT_" + service.toUpperCase().replace('-', '_') + "_REDIS_PASSWORD", password(service));
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("render-acl").isZero();
        List<String> lines = output.lines().toList();
        assertThat(lines)
                .hasSize(1 + SERVICES.size())
                .allSatisfy(line -> assertThat(line).startsWith("user "));
        return lines;
    }

    /** A command a script calls, with arguments of the right count and a key under the test's prefix. */
    static List<String> sample(String command) {
        String key = KEY_PREFIX + ":{probe}:key";
        List<String> arguments = switch (command) {
            case "TIME" -> List.of();
            case "EXISTS", "GET", "HGETALL", "INCR", "LLEN", "PTTL", "RPOP", "ZCARD" -> List.of(key);
            case "HDEL", "HGET", "HMGET" -> List.of(key, "field");
            case "HSET", "HSETNX", "HINCRBY" -> List.of(key, "field", "1");
            case "LPUSH", "SET", "ZREM", "ZSCORE" -> List.of(key, "value");
            case "LREM", "ZADD", "ZRANGE", "ZRANGEBYSCORE", "ZREMRANGEBYSCORE" -> List.of(key, "0", "1");
            case "PEXPIRE" -> List.of(key, "1000");
            case "XADD" -> List.of(key, "*", "field", "value");
            default ->
                throw new AssertionError("a script calls " + command + ": add its sample arguments here and its rule to"
                        + " docker/redis/users.acl");
        };
        List<String> sample = new ArrayList<>(List.of(command));
        sample.addAll(arguments);
        return sample;
    }

    static String dryRun(String user, List<String> command) {
        return admin.aclDryRun(
                user, command.getFirst(), command.subList(1, command.size()).toArray(String[]::new));
    }

    static void assertRefused(Runnable command, String service) {
        assertThatThrownBy(command::run)
                .as(service)
                .isInstanceOf(RedisCommandExecutionException.class)
                .hasMessageMatching("(?s).*(NOPERM|can't run this command|can't access at least one of the keys).*");
    }

    static String redisCli(Path socket, String password, String... command) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("redis-cli", "-s", socket.toString()));
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true);
        if (password != null) {
            builder.environment().put("REDISCLI_AUTH", password);
        }
        arguments.addAll(List.of(command));
        builder.command(arguments);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor(10, TimeUnit.SECONDS);
        return output;
    }

    static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
