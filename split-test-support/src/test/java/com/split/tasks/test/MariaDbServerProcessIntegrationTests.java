package com.split.tasks.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MariaDbServerProcessIntegrationTests {

    @Test
    void acceptsItsUserOnItsLoopbackPort() throws SQLException {
        try (MariaDbServerProcess server = MariaDbServerProcess.start()) {
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:mysql://127.0.0.1:%d/split".formatted(server.port()));
            assertThat(server.isRunning()).isTrue();
            assertThat(query(server, "SELECT DATABASE()")).containsExactly("split");
        }
    }

    @Test
    void aRowSurvivesAStopAndARestartOnTheSamePort() throws SQLException {
        try (MariaDbServerProcess server = MariaDbServerProcess.start()) {
            update(server, "CREATE TABLE kept (name VARCHAR(16) PRIMARY KEY)");
            update(server, "INSERT INTO kept VALUES ('row')");
            int port = server.port();
            long pid = server.pid();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThatExceptionOfType(SQLException.class).isThrownBy(() -> query(server, "SELECT 1"));

            server.restart();

            assertThat(server.port()).isEqualTo(port);
            assertThat(server.pid()).isNotEqualTo(pid);
            assertThat(query(server, "SELECT name FROM kept")).containsExactly("row");
        }
    }

    @Test
    void closeStopsTheProcessAndDeletesItsDirectory() {
        MariaDbServerProcess server = MariaDbServerProcess.start();
        Path directory = server.directory();
        ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();

        server.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(directory).doesNotExist();
    }

    @Test
    void aBinaryMissingEverywhereFailsWithHowToInstallIt() {
        assertThatIllegalStateException()
                .isThrownBy(() -> Executables.find("mariadbd-that-does-not-exist", Executables.MARIADB))
                .withMessageContaining("/usr/sbin")
                .withMessageContaining("apt-get install mariadb-server");
    }

    private static List<String> query(MariaDbServerProcess server, String sql) throws SQLException {
        try (Connection connection = connect(server);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void update(MariaDbServerProcess server, String sql) throws SQLException {
        try (Connection connection = connect(server);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static Connection connect(MariaDbServerProcess server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }
}
