package dev.switchboard.jdbc;

import dev.switchboard.app.ServerConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, uniquely named schema in the PostgreSQL the tests are pointed at, dropped on close. An
 * unreachable server fails the tests, never skips them: green must mean PostgreSQL was tested.
 */
final class PostgresTestDatabase implements TestDatabase {
    static final String URL_VARIABLE = "SWITCHBOARD_TEST_PG_URL";
    static final String USER_VARIABLE = "SWITCHBOARD_TEST_PG_USER";
    static final String PASSWORD_VARIABLE = "SWITCHBOARD_TEST_PG_PASSWORD";
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String DEFAULT_USER = "postgres";

    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final Database database;

    private PostgresTestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        String separator = url.contains("?") ? "&" : "?";
        this.database = Database.open(new ServerConfig.Storage(
                Path.of("unused"), url + separator + "currentSchema=" + schema, user, password, 10));
    }

    /** A schema in the database named by the environment (defaults: the local test server). */
    static PostgresTestDatabase create() {
        return create(env(URL_VARIABLE, DEFAULT_URL), env(USER_VARIABLE, DEFAULT_USER),
                env(PASSWORD_VARIABLE, ""));
    }

    static PostgresTestDatabase create(String url, String user, String password) {
        return new PostgresTestDatabase(url, user, password);
    }

    String schema() {
        return schema;
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL at " + url + " (user " + user + ") is not usable: " + e.getMessage()
                    + ". Start it, or point the tests at one by setting " + URL_VARIABLE + " (a jdbc:postgresql:// URL), "
                    + USER_VARIABLE + " and " + PASSWORD_VARIABLE + ".", e);
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
