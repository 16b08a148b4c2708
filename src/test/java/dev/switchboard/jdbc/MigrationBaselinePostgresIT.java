package dev.switchboard.jdbc;

import dev.switchboard.app.ServerConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

class MigrationBaselinePostgresIT extends MigrationBaselineContract {
    private final String url = PostgresTestDatabase.env(PostgresTestDatabase.URL_VARIABLE, PostgresTestDatabase.DEFAULT_URL);
    private final String user = PostgresTestDatabase.env(PostgresTestDatabase.USER_VARIABLE, PostgresTestDatabase.DEFAULT_USER);
    private final String password = PostgresTestDatabase.env(PostgresTestDatabase.PASSWORD_VARIABLE, "");

    @Override
    ServerConfig.Storage emptyDatabase() {
        String schema = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        String separator = url.contains("?") ? "&" : "?";
        return new ServerConfig.Storage(Path.of("unused"), url + separator + "currentSchema=" + schema, user, password, 2);
    }

    @Override
    void drop(ServerConfig.Storage database) {
        String schema = database.databaseUrl().substring(database.databaseUrl().indexOf("currentSchema=") + 14);
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    @Override
    List<String> indexes(Connection c) throws SQLException {
        return query(c, "SELECT tablename, indexname, replace(indexdef, schemaname || '.', '') FROM pg_indexes"
                + " WHERE schemaname = CURRENT_SCHEMA AND tablename <> 'flyway_schema_history' ORDER BY 1, 2");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            MigrationBaselineContract.execute(c, sql);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL at " + url + " is not usable: " + e.getMessage(), e);
        }
    }
}
