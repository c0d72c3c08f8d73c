package com.split.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MySQL users of a deployment hold what they need and nothing more. The test renders and applies the very SQL that
 * docker compose's MySQL runs on its first start and {@code bin/split} on every {@code up}
 * ({@code docker/mysql/render-sql docker/mysql/init/*.sql | mysql}), with a schema prefix of its own so that it
 * collides with nothing, on the MariaDB the tests use; migrates every service's schema with Flyway as that service's
 * migrator, with the services' own migrations and the deployment's Flyway callbacks; then connects as each user:
 *
 * <ul>
 *   <li>a runtime user reads and writes the rows of what its service owns, and cannot create, alter, truncate or drop
 *       a table, nor read or write another service's tables beyond the reads DESIGN.md allows (init-filter and
 *       final-sel read split_stocks, final-sel reads initial_filtration);
 *   <li>a migrator changes the structure of what its service owns and nothing else, not even the other table of
 *       split_math_core;
 *   <li>the setup runs again (as {@code bin/split up} does) without taking anything from a running service, and takes
 *       from a runtime user the structure rights an earlier version of the setup gave it.
 * </ul>
 *
 * <p>Needs the {@code mysql} client and the test user of {@code bin/test-servers} (SPLIT_TEST_MYSQL_URL,
 * SPLIT_TEST_MYSQL_USER, SPLIT_TEST_MYSQL_PASSWORD), which may grant what it holds ({@code WITH GRANT OPTION}). Drops
 * its schemas and users afterwards.
 */
class DatabaseUsersIntegrationTests {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final String URL = env("SPLIT_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
    static final String ADMIN = env("SPLIT_TEST_MYSQL_USER", "split_test");
    static final String ADMIN_PASSWORD = env("SPLIT_TEST_MYSQL_PASSWORD", "split_test");

    /** Short enough that prefix + {@code portfolio_mngr_migrator} stays within MySQL's 32 characters of a user name. */
    static final String PREFIX = "t"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6) + "_";

    /** MySQL's and MariaDB's refusals: a table's privilege (1142), a column's (1143), a schema's (1044). */
    static final Set<Integer> DENIED = Set.of(1142, 1143, 1044);

    /**
     * What one service owns, and a row of it that only this test writes: {@code columns} and {@code values} insert it,
     * {@code set} changes it, {@code key} = {@code keyValue} finds it.
     */
    record Owner(
            String service,
            String schema,
            String table,
            String migrations,
            @Nullable String historyTable,
            @Nullable String callbacks,
            String columns,
            String values,
            String set,
            String key,
            String keyValue) {

        String runtimeUser() {
            return PREFIX + service.replace('-', '_');
        }

        String migrator() {
            return runtimeUser() + "_migrator";
        }

        String runtimePassword() {
            return service + "-runtime-" + PREFIX;
        }

        String migratorPassword() {
            return service + "-migrator-" + PREFIX;
        }

        String qualifiedSchema() {
            return "`" + PREFIX + schema + "`";
        }

        String qualifiedTable() {
            return qualifiedSchema() + ".`" + table + "`";
        }

        String where() {
            return key + " = '" + keyValue + "'";
        }

        String insert(String tableName) {
            return "INSERT INTO " + tableName + " (" + columns + ") VALUES (" + values + ")";
        }

        String update(String tableName) {
            return "UPDATE " + tableName + " SET " + set + " WHERE " + where();
        }

        String delete(String tableName) {
            return "DELETE FROM " + tableName + " WHERE " + where();
        }

        /** The whole schema is its own, rather than one table of split_math_core. */
        boolean ownsSchema() {
            return historyTable == null;
        }
    }

    static final Owner PORTFOLIO_MNGR = new Owner(
            "portfolio-mngr",
            "split_portfolios",
            "portfolios",
            "portfolio-mngr/src/main/resources/db/migration/split_portfolios",
            null,
            null,
            "user_id, name, created_at, updated_at",
            "'dbu', 'probe', NOW(3), NOW(3)",
            "name = 'probed'",
            "user_id",
            "dbu");
    static final Owner YAHOO_GATEWAY = new Owner(
            "yahoo-gateway",
            "split_stocks",
            "tickers",
            "yahoo-gateway/src/main/resources/db/migration/split_stocks",
            null,
            null,
            "symbol, provider",
            "'DBU', 'offline'",
            "name = 'probed'",
            "symbol",
            "DBU");
    static final Owner INIT_FILTER = new Owner(
            "init-filter",
            "split_math_core",
            "initial_filtration",
            "init-filter/src/main/resources/db/migration/split_math_core/initial_filtration",
            "flyway_history_initial_filtration",
            "docker/mysql/flyway/initial_filtration",
            "result_id, user_id, session_id, ticker, normalized_score, passed, reasons_json, inputs_digest, created_at,"
                    + " updated_at",
            "UUID(), 'dbu', 'dbu', 'DBU', 0.5, TRUE, '{}', REPEAT('0', 64), NOW(3), NOW(3)",
            "normalized_score = 0.25",
            "session_id",
            "dbu");
    static final Owner FINAL_SEL = new Owner(
            "final-sel",
            "split_math_core",
            "final_selections",
            "final-sel/src/main/resources/db/migration/split_math_core/final_selections",
            "flyway_history_final_selections",
            "docker/mysql/flyway/final_selections",
            "user_id, session_id, ticker, final_decision, score, weight, reasons_json, inputs_digest, created_at,"
                    + " updated_at",
            "'dbu', 'dbu', 'DBU', 'HOLD', 0.5, 0, '{}', REPEAT('0', 64), NOW(3), NOW(3)",
            "score = 0.25",
            "session_id",
            "dbu");
    static final Owner EVENT_SRV = new Owner(
            "event-srv",
            "split_events",
            "rejected_events",
            "event-srv/src/main/resources/db/migration/split_events",
            null,
            null,
            "queue, entry_id, fields, reason",
            "'dbu', '0-1', '{}', 'probe'",
            "reason = 'probed'",
            "queue",
            "dbu");
    static final Owner LOG_SRV = new Owner(
            "log-srv",
            "split_logs",
            "rejected_records",
            "log-srv/src/main/resources/db/migration/split_logs",
            null,
            null,
            "entry_id, fields, reason",
            "'dbu-0-1', '{}', 'probe'",
            "reason = 'probed'",
            "entry_id",
            "dbu-0-1");

    static final List<Owner> OWNERS =
            List.of(PORTFOLIO_MNGR, YAHOO_GATEWAY, INIT_FILTER, FINAL_SEL, EVENT_SRV, LOG_SRV);

    /** The reads across owners that the design allows (docs/design.md, Tables), by reader. */
    static final Map<Owner, Set<Owner>> READS = Map.of(
            INIT_FILTER,
            Set.of(YAHOO_GATEWAY),
            FINAL_SEL,
            Set.of(YAHOO_GATEWAY, INIT_FILTER),
            // the closes behind a run's recommendations, for the page's price chart
            PORTFOLIO_MNGR,
            Set.of(YAHOO_GATEWAY));

    @BeforeAll
    static void setUpUsersAndMigrate() throws Exception {
        applyUserSetup();
        for (Owner owner : OWNERS) {
            migrate(owner);
        }
    }

    @AfterAll
    static void dropSchemasAndUsers() throws SQLException {
        try (Connection admin = connect(ADMIN, ADMIN_PASSWORD, "");
                Statement statement = admin.createStatement()) {
            for (String schema :
                    OWNERS.stream().map(Owner::qualifiedSchema).distinct().toList()) {
                statement.execute("DROP DATABASE IF EXISTS " + schema);
            }
            statement.execute("DROP DATABASE IF EXISTS `" + PREFIX + "split_setup`");
            for (Owner owner : OWNERS) {
                statement.execute(
                        "DROP USER IF EXISTS '" + owner.runtimeUser() + "'@'%', '" + owner.migrator() + "'@'%'");
            }
        }
    }

    @Test
    void migratorsMigratedEverySchemaWithTheServicesOwnMigrations() throws SQLException {
        for (Owner owner : OWNERS) {
            try (Connection admin = connect(ADMIN, ADMIN_PASSWORD, PREFIX + owner.schema())) {
                String history = owner.historyTable() != null ? owner.historyTable() : "flyway_schema_history";
                assertThat(count(admin, "SELECT COUNT(*) FROM `" + history + "` WHERE success AND version <> '0'"))
                        .as("%s's migrations applied", owner.service())
                        .isPositive();
                assertThat(count(admin, "SELECT COUNT(*) FROM `" + owner.table() + "`"))
                        .isZero();
            }
        }
        // What the setup made and then no longer needs is gone.
        try (Connection admin = connect(ADMIN, ADMIN_PASSWORD, "")) {
            assertThat(count(
                            admin,
                            "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + PREFIX
                                    + "split_setup'"))
                    .isZero();
        }
    }

    @Test
    void runtimeUsersReadAndWriteTheRowsOfWhatTheirServiceOwns() throws SQLException {
        for (Owner owner : OWNERS) {
            try (Connection runtime = connect(owner.runtimeUser(), owner.runtimePassword(), PREFIX + owner.schema());
                    Statement statement = runtime.createStatement()) {
                String rows = "SELECT COUNT(*) FROM " + owner.table() + " WHERE " + owner.where();
                assertThat(statement.executeUpdate(owner.insert(owner.table())))
                        .as(owner.service())
                        .isOne();
                assertThat(statement.executeUpdate(owner.update(owner.table())))
                        .as(owner.service())
                        .isOne();
                assertThat(count(runtime, rows)).as(owner.service()).isOne();
                assertThat(statement.executeUpdate(owner.delete(owner.table())))
                        .as(owner.service())
                        .isOne();
                assertThat(count(runtime, rows)).as(owner.service()).isZero();
            }
        }
    }

    @Test
    void runtimeUsersCannotCreateAlterTruncateOrDropTables() throws SQLException {
        for (Owner owner : OWNERS) {
            try (Connection runtime = connect(owner.runtimeUser(), owner.runtimePassword(), PREFIX + owner.schema())) {
                assertDenied(runtime, "CREATE TABLE dbu_probe (id INT PRIMARY KEY)", owner.service());
                assertDenied(runtime, "ALTER TABLE " + owner.table() + " ADD COLUMN dbu_probe INT", owner.service());
                assertDenied(
                        runtime,
                        "CREATE INDEX dbu_probe ON " + owner.table() + " (" + owner.key() + ")",
                        owner.service());
                assertDenied(runtime, "TRUNCATE TABLE " + owner.table(), owner.service());
                assertDenied(runtime, "DROP TABLE " + owner.table(), owner.service());
            }
            // The same statements are sound: its migrator may run them (and takes the probes away again).
            try (Connection migrator = connect(owner.migrator(), owner.migratorPassword(), PREFIX + owner.schema());
                    Statement statement = migrator.createStatement()) {
                statement.execute("ALTER TABLE " + owner.table() + " ADD COLUMN dbu_probe INT");
                statement.execute("ALTER TABLE " + owner.table() + " DROP COLUMN dbu_probe");
            }
        }
    }

    @Test
    void runtimeUsersReachNoOtherServicesTablesBeyondTheReadsTheDesignAllows() throws SQLException {
        for (Owner owner : OWNERS) {
            try (Connection runtime = connect(owner.runtimeUser(), owner.runtimePassword(), PREFIX + owner.schema())) {
                for (Owner other : OWNERS) {
                    if (other == owner) {
                        continue;
                    }
                    String what = owner.service() + " on " + other.service() + "'s " + other.table();
                    String select = "SELECT COUNT(*) FROM " + other.qualifiedTable();
                    if (READS.getOrDefault(owner, Set.of()).contains(other)) {
                        assertThatCode(() -> count(runtime, select)).as(what).doesNotThrowAnyException();
                    } else {
                        assertDenied(runtime, select, what);
                    }
                    assertDenied(runtime, other.insert(other.qualifiedTable()), what);
                    assertDenied(runtime, other.update(other.qualifiedTable()), what);
                    assertDenied(runtime, other.delete(other.qualifiedTable()), what);
                    assertDenied(runtime, "CREATE TABLE " + other.qualifiedSchema() + ".dbu_probe (id INT)", what);
                }
            }
        }
    }

    @Test
    void migratorsChangeTheStructureOfWhatTheirServiceOwnsAndNothingElse() throws SQLException {
        for (Owner owner : OWNERS) {
            try (Connection migrator = connect(owner.migrator(), owner.migratorPassword(), PREFIX + owner.schema());
                    Statement statement = migrator.createStatement()) {
                if (owner.ownsSchema()) {
                    statement.execute("CREATE TABLE dbu_probe (id INT PRIMARY KEY, v INT)");
                    statement.execute("CREATE INDEX ix_dbu_probe ON dbu_probe (v)");
                    statement.execute("INSERT INTO dbu_probe (id, v) VALUES (1, 2)");
                    statement.execute("DROP TABLE dbu_probe");
                } else {
                    // One table of a shared schema: no other table, not even a new one.
                    assertDenied(migrator, "CREATE TABLE dbu_probe (id INT PRIMARY KEY)", owner.service());
                }
                for (Owner other : OWNERS) {
                    if (other == owner) {
                        continue;
                    }
                    String what = owner.service() + "'s migrator on " + other.service() + "'s " + other.table();
                    assertDenied(migrator, "SELECT COUNT(*) FROM " + other.qualifiedTable(), what);
                    assertDenied(migrator, "ALTER TABLE " + other.qualifiedTable() + " ADD COLUMN dbu_probe INT", what);
                    assertDenied(migrator, "DROP TABLE " + other.qualifiedTable(), what);
                    assertDenied(migrator, "CREATE TABLE " + other.qualifiedSchema() + ".dbu_probe (id INT)", what);
                }
            }
        }
    }

    @Test
    void theSetupRunsAgainWithoutTakingRowsFromRunningServicesAndTakesStructureFromRuntimeUsers() throws Exception {
        // What the setup of the previous release gave every service's only user: structure changes too.
        try (Connection admin = connect(ADMIN, ADMIN_PASSWORD, "");
                Statement statement = admin.createStatement()) {
            statement.execute("GRANT CREATE, ALTER, DROP, INDEX ON `" + PREFIX + "split\\_portfolios`.* TO '"
                    + PORTFOLIO_MNGR.runtimeUser() + "'@'%'");
            statement.execute("GRANT CREATE, ALTER, DROP, INDEX ON " + INIT_FILTER.qualifiedTable() + " TO '"
                    + INIT_FILTER.runtimeUser() + "'@'%'");
        }
        try (Connection runtime = connect(
                        PORTFOLIO_MNGR.runtimeUser(),
                        PORTFOLIO_MNGR.runtimePassword(),
                        PREFIX + PORTFOLIO_MNGR.schema());
                Statement statement = runtime.createStatement()) {
            statement.execute("CREATE TABLE dbu_legacy (id INT)"); // the old rights, for the test to take away
            statement.execute("DROP TABLE dbu_legacy");
        }

        applyUserSetup();

        try (Connection runtime = connect(
                PORTFOLIO_MNGR.runtimeUser(), PORTFOLIO_MNGR.runtimePassword(), PREFIX + PORTFOLIO_MNGR.schema())) {
            assertDenied(runtime, "CREATE TABLE dbu_legacy (id INT)", "portfolio-mngr after the setup ran again");
        }
        try (Connection runtime =
                connect(INIT_FILTER.runtimeUser(), INIT_FILTER.runtimePassword(), PREFIX + INIT_FILTER.schema())) {
            assertDenied(
                    runtime,
                    "ALTER TABLE initial_filtration ADD COLUMN dbu_probe INT",
                    "init-filter after the setup ran again");
        }
        // Both tables of split_math_core exist now: the setup itself grants their rows, as the callbacks did.
        for (Owner owner : List.of(INIT_FILTER, FINAL_SEL)) {
            try (Connection runtime = connect(owner.runtimeUser(), owner.runtimePassword(), PREFIX + owner.schema());
                    Statement statement = runtime.createStatement()) {
                assertThat(statement.executeUpdate(owner.insert(owner.table())))
                        .as(owner.service())
                        .isOne();
                assertThat(statement.executeUpdate(owner.delete(owner.table())))
                        .as(owner.service())
                        .isOne();
            }
        }
    }

    /** render-sql over docker/mysql/init/*.sql, in name order as the shell's glob gives them, into the mysql client. */
    static void applyUserSetup() throws IOException, InterruptedException {
        List<String> render = new ArrayList<>(
                List.of("sh", ROOT.resolve("docker/mysql/render-sql").toString()));
        try (Stream<Path> files = Files.list(ROOT.resolve("docker/mysql/init"))) {
            files.filter(file -> file.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .forEach(file -> render.add(file.toString()));
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("SPLIT_SCHEMA_PREFIX", PREFIX);
        for (Owner owner : OWNERS) {
            String variable = "SPLIT_" + owner.service().toUpperCase().replace('-', '_');
            environment.put(variable + "_DB_PASSWORD", owner.runtimePassword());
            environment.put(variable + "_MIGRATOR_DB_PASSWORD", owner.migratorPassword());
        }
        byte[] sql = run(render, environment, new byte[0]);

        URI server = URI.create(URL.substring("jdbc:".length()));
        run(
                List.of(
                        "mysql",
                        "--protocol=tcp",
                        "-h",
                        server.getHost(),
                        "-P",
                        Integer.toString(server.getPort() < 0 ? 3306 : server.getPort()),
                        "-u",
                        ADMIN),
                Map.of("MYSQL_PWD", ADMIN_PASSWORD),
                sql);
    }

    /** Flyway as the service's migrator, with the service's own migrations and settings, as its start-up runs it. */
    static void migrate(Owner owner) {
        var configuration = Flyway.configure()
                .dataSource(URL + PREFIX + owner.schema(), owner.migrator(), owner.migratorPassword())
                .locations("filesystem:" + ROOT.resolve(owner.migrations()))
                .failOnMissingLocations(true);
        if (owner.historyTable() != null) {
            configuration.table(owner.historyTable()).baselineOnMigrate(true).baselineVersion("0");
        }
        if (owner.callbacks() != null) {
            configuration.callbackLocations("filesystem:" + ROOT.resolve(owner.callbacks()));
        }
        assertThat(configuration.load().migrate().success).as(owner.service()).isTrue();
    }

    static byte[] run(List<String> command, Map<String, String> environment, byte[] input)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().putAll(environment);
        Path errors = Files.createTempFile("dbu-", ".err");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input);
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES))
                .as("%s finished", command)
                .isTrue();
        String error = Files.readString(errors, StandardCharsets.UTF_8);
        Files.delete(errors);
        assertThat(process.exitValue()).as("%s: %s", command, error).isZero();
        return output;
    }

    static Connection connect(String user, String password, String schema) throws SQLException {
        return DriverManager.getConnection(URL + schema, user, password);
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static void assertDenied(Connection connection, String sql, String what) {
        SQLException refused = catchThrowableOfType(SQLException.class, () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
        assertThat((Throwable) refused)
                .as("%s: %s should be refused", what, sql)
                .isNotNull();
        assertThat(refused.getErrorCode())
                .as("%s: %s refused for lack of a privilege, not %s", what, sql, refused.getMessage())
                .isIn(DENIED);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
