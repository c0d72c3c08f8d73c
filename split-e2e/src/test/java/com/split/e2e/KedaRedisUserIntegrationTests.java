package com.split.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.split.tasks.QueueName;
import com.split.tasks.bus.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis user KEDA scales the workers as, {@code k8s/redis/keda.acl}, reads the length of the ready lists that
 * {@code k8s/base}'s ScaledObjects name, the way KEDA's redis scalers do (a script that asks the key's {@code TYPE},
 * then its {@code LLEN}), and nothing else; and those lists are the ones {@link RedisKeys} builds for each worker's
 * queue. Renders the file with {@code docker/redis/render-acl} under a key prefix and user name of its own, gives the
 * user to the tests' Redis (SPLIT_TEST_REDIS_URL, by default redis://127.0.0.1:6379) and deletes it and its keys
 * afterwards.
 */
class KedaRedisUserIntegrationTests {

    // The repository and the tests' Redis, as the service users' test finds them.
    static final Path ROOT = RedisAclIntegrationTests.ROOT;
    static final RedisURI SERVER = RedisAclIntegrationTests.SERVER;
    static final String ID =
            HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    static final String KEY_PREFIX = "keda-" + ID;
    static final String USER = "keda_" + ID + "_keda";
    static final String PASSWORD = "keda-" + ID;
    /** Each worker Deployment of k8s/base and the queue it consumes. */
    static final Map<String, QueueName> WORKERS = Map.of(
            "yahoo-gateway", QueueName.YAHOO_TASKS,
            "init-filter", QueueName.INIT_FILTER_TASKS,
            "final-sel", QueueName.FINAL_SEL_TASKS);
    /** What KEDA's redis scalers send for a list: its type, then its length, in one script. */
    static final String LENGTH_SCRIPT = "redis.call('type', KEYS[1]); return redis.call('llen', KEYS[1])";

    static RedisClient client;
    static StatefulRedisConnection<String, String> adminConnection;
    static RedisCommands<String, String> admin;
    static StatefulRedisConnection<String, String> kedaConnection;
    static RedisCommands<String, String> keda;

    @BeforeAll
    static void giveTheKedaUserToTheTestsRedis() throws Exception {
        client = RedisClient.create(SERVER);
        adminConnection = client.connect();
        admin = adminConnection.sync();
        List<String> words = Arrays.asList(render().split(" "));
        assertThat(words.subList(0, 2)).containsExactly("user", USER);
        CommandArgs<String, String> args =
                new CommandArgs<>(StringCodec.UTF8).add("SETUSER").addValues(words.subList(1, words.size()));
        assertThat(admin.dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8), args))
                .isEqualTo("OK");
        kedaConnection = client.connect(
                RedisURI.builder(SERVER).withAuthentication(USER, PASSWORD).build());
        keda = kedaConnection.sync();
    }

    @AfterAll
    static void deleteTheUserAndKeys() {
        if (admin == null) {
            return;
        }
        if (kedaConnection != null) {
            kedaConnection.close();
        }
        admin.aclDeluser(USER);
        RedisKeys keys = new RedisKeys(KEY_PREFIX);
        admin.del(WORKERS.values().stream()
                .flatMap(queue -> keys.readyLists(queue).stream())
                .toArray(String[]::new));
        adminConnection.close();
        client.shutdown();
    }

    @Test
    void scaledObjectsNameTheThreeReadyListsOfEachWorkersQueue() throws IOException {
        Pattern listName = Pattern.compile("listName: \"([^\"]+)\"");
        for (var worker : WORKERS.entrySet()) {
            String manifest = Files.readString(ROOT.resolve("k8s/base/" + worker.getKey() + ".yaml"));
            List<String> named = listName.matcher(manifest)
                    .results()
                    .map(match -> match.group(1))
                    .toList();
            assertThat(named)
                    .as(worker.getKey())
                    .containsExactlyInAnyOrderElementsOf(new RedisKeys("split").readyLists(worker.getValue()));
        }
    }

    @Test
    void readsTheLengthOfEveryReadyList() {
        RedisKeys keys = new RedisKeys(KEY_PREFIX);
        int tasks = 1;
        for (QueueName queue : WORKERS.values()) {
            for (String list : keys.readyLists(queue)) {
                for (int i = 0; i < tasks; i++) {
                    admin.lpush(list, "task-" + i);
                }
                Long length = keda.eval(LENGTH_SCRIPT, ScriptOutputType.INTEGER, list);
                assertThat(length).as(list).isEqualTo(tasks);
                tasks++;
            }
        }
    }

    @Test
    void mayDoNothingElse() {
        RedisKeys keys = new RedisKeys(KEY_PREFIX);
        QueueName queue = QueueName.YAHOO_TASKS;
        assertRefused(() -> keda.eval(LENGTH_SCRIPT, ScriptOutputType.INTEGER, keys.delayed(queue)));
        assertRefused(
                () -> keda.eval(LENGTH_SCRIPT, ScriptOutputType.INTEGER, new RedisKeys("split-other").ready(queue)));
        assertRefused(() ->
                keda.eval("return redis.call('lpush', KEYS[1], 'x')", ScriptOutputType.INTEGER, keys.ready(queue)));
        assertRefused(() ->
                keda.eval("return redis.call('lrange', KEYS[1], 0, -1)", ScriptOutputType.MULTI, keys.ready(queue)));
        assertRefused(() -> keda.rpop(keys.ready(queue)));
        assertRefused(() -> keda.keys("*"));
        assertRefused(() -> keda.configGet("*"));
    }

    private static void assertRefused(Runnable command) {
        assertThatThrownBy(command::run)
                .isInstanceOf(RedisCommandExecutionException.class)
                .satisfiesAnyOf(
                        refusal -> assertThat(refusal).hasMessageContaining("NOPERM"),
                        refusal -> assertThat(refusal).hasMessageContaining("can't run this command"));
    }

    /** k8s/redis/keda.acl rendered for this test: its one line. */
    static String render() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "sh",
                        ROOT.resolve("docker/redis/render-acl").toString(),
                        ROOT.resolve("k8s/redis/keda.acl").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("SPLIT_KEY_PREFIX", KEY_PREFIX);
        builder.environment().put("SPLIT_SCHEMA_PREFIX", "keda_" + ID + "_");
        builder.environment().put("SPLIT_KEDA_REDIS_PASSWORD", PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("render-acl").isZero();
        assertThat(output.lines()).hasSize(1);
        return output.strip();
    }
}
