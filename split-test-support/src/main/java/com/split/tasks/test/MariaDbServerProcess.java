package com.split.tasks.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * A private {@code mariadbd} on a free loopback port, for tests that stop and restart the database under a running
 * service. Each instance owns a temporary directory: a data directory made by {@code mariadb-install-db}, the socket,
 * the pid file and {@code mariadbd.log}. The data survives {@link #stop()} and {@link #restart()}: only {@link
 * #close()} deletes it.
 *
 * <p>Clients connect over TCP as {@link #username()}, a user with every privilege, to the database {@code split}. The
 * readiness check goes through Connector/J ({@code jdbc:mysql:}), which split-test-support brings. Not thread safe: one
 * test drives it.
 */
public final class MariaDbServerProcess extends PrivateServerProcess {

    private static final String DATABASE = "split";

    private static final String USER = "split";

    private static final String PASSWORD = "split";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    // A small buffer pool and redo log: the install takes about a second and the data directory some 30 MB.
    private static final List<String> INNODB = List.of("--innodb-buffer-pool-size=16M", "--innodb-log-file-size=8M");

    // The --init-file, run at every start: idempotent, so a restart finds the same database and user.
    private static final String INIT_SQL = """
            CREATE DATABASE IF NOT EXISTS %1$s;
            CREATE USER IF NOT EXISTS '%2$s'@'%4$s' IDENTIFIED BY '%3$s';
            GRANT ALL ON *.* TO '%2$s'@'%4$s';
            """.formatted(DATABASE, USER, PASSWORD, HOST);

    private final Path binary;

    private MariaDbServerProcess(Path binary, Path directory) {
        super("mariadbd", directory);
        this.binary = binary;
    }

    /** Initialises a data directory, starts {@code mariadbd} on it, and waits until the test user can connect. */
    public static MariaDbServerProcess start() {
        Path binary = Executables.find("mariadbd", Executables.MARIADB);
        Path installDb = Executables.find("mariadb-install-db", Executables.MARIADB);
        Path directory;
        try {
            directory = Files.createTempDirectory("split-mariadb-");
            Files.writeString(directory.resolve("init.sql"), INIT_SQL);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        MariaDbServerProcess server = new MariaDbServerProcess(binary, directory);
        try {
            server.install(installDb);
        } catch (RuntimeException ex) {
            server.close();
            throw ex;
        }
        server.launchOnFreePort();
        return server;
    }

    /** {@code jdbc:mysql://127.0.0.1:<port>/split}, for Connector/J or {@code spring.datasource.url}. */
    public String jdbcUrl() {
        return "jdbc:mysql://%s:%d/%s".formatted(HOST, port, DATABASE);
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** Connection details for a context that should use this server; it wins over {@code spring.datasource.*}. */
    public JdbcConnectionDetails connectionDetails() {
        String url = jdbcUrl();
        return new JdbcConnectionDetails() {
            @Override
            public String getJdbcUrl() {
                return url;
            }

            @Override
            public String getUsername() {
                return USER;
            }

            @Override
            public String getPassword() {
                return PASSWORD;
            }
        };
    }

    /**
     * Shuts the server down cleanly, as {@code systemctl stop} would: SIGTERM, then waits until InnoDB has flushed and
     * the process has exited.
     *
     * @throws IllegalStateException if it had not exited within 30 s; it is then killed
     */
    @Override
    public void stop() {
        Process current = running().orElse(null);
        if (current == null) {
            return;
        }
        current.destroy(); // SIGTERM on Unix
        if (!ServerProcesses.waitFor(current, SHUTDOWN_TIMEOUT)) {
            current.destroyForcibly();
            ServerProcesses.waitFor(current, SHUTDOWN_TIMEOUT);
            throw new IllegalStateException("mariadbd (pid %d) did not shut down within %s, killed it; its log:%n%s"
                    .formatted(current.pid(), SHUTDOWN_TIMEOUT, ServerProcesses.log(log())));
        }
    }

    private void install(Path installDb) {
        List<String> command = new ArrayList<>(List.of(
                installDb.toString(),
                "--no-defaults",
                "--datadir=" + directory.resolve("data"),
                "--auth-root-authentication-method=normal",
                "--skip-test-db"));
        command.addAll(asRoot());
        command.addAll(INNODB);
        Process installing = ServerProcesses.run(command, directory, log());
        if (!ServerProcesses.waitFor(installing, STARTUP_TIMEOUT)) {
            installing.destroyForcibly();
            throw new IllegalStateException("%s did not finish within %s; its log:%n%s"
                    .formatted(installDb, STARTUP_TIMEOUT, ServerProcesses.log(log())));
        }
        if (installing.exitValue() != 0) {
            throw new IllegalStateException("%s exited with %d; its log:%n%s"
                    .formatted(installDb, installing.exitValue(), ServerProcesses.log(log())));
        }
    }

    @Override
    void launch() {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                // first, or it is ignored: the system's my.cnf would bring its own socket, port and data directory
                "--no-defaults",
                "--datadir=" + directory.resolve("data"),
                "--skip-networking=0",
                "--bind-address=" + HOST,
                "--port=" + port,
                "--socket=" + directory.resolve("mysqld.sock"),
                "--pid-file=" + directory.resolve("mysqld.pid"),
                "--log-error=" + log(),
                "--skip-name-resolve",
                "--init-file=" + directory.resolve("init.sql")));
        command.addAll(asRoot());
        command.addAll(INNODB);
        AtomicReference<@Nullable SQLException> refused = new AtomicReference<>();
        try {
            launch(command, "accept " + USER, STARTUP_TIMEOUT, Duration.ofMillis(100), () -> connects(refused));
        } catch (IllegalStateException ex) {
            // why the last connection was refused
            SQLException last = refused.get();
            if (last != null) {
                ex.addSuppressed(last);
            }
            throw ex;
        }
    }

    private boolean connects(AtomicReference<@Nullable SQLException> refused) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl() + "?connectTimeout=2000", USER, PASSWORD)) {
            return connection.isValid(2);
        } catch (SQLException ex) {
            refused.set(ex);
            return false;
        }
    }

    @Override
    Path log() {
        return directory.resolve("mariadbd.log");
    }

    // mariadbd refuses to run as root unless told to; CI runs the tests as root.
    private static List<String> asRoot() {
        return "root".equals(System.getProperty("user.name")) ? List.of("--user=root") : List.of();
    }
}
