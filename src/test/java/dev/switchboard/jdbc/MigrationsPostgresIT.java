package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The migrations on a real PostgreSQL, starting from an empty schema. */
class MigrationsPostgresIT {

    @Test
    void migrationsApplyOnAnEmptySchemaAndCreateEveryTableThere() throws SQLException {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create();
                Connection c = pg.database().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = ? ORDER BY table_name")) {
            ps.setString(1, pg.schema());
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) tables.add(rs.getString(1));
            }

            assertThat(tables).contains("conversation_participants", "conversations", "flyway_schema_history",
                    "local_credentials", "messages", "users", "support_chats", "attachments", "queue_entries",
                    "agent_profiles", "schedule_shifts");
        }
    }

    @Test
    void unreachablePostgresFailsNamingTheVariablesThatPointTestsElsewhere() {
        assertThatThrownBy(() -> PostgresTestDatabase.create("jdbc:postgresql://127.0.0.1:1/test", "postgres", ""))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(PostgresTestDatabase.URL_VARIABLE)
                .hasMessageContaining(PostgresTestDatabase.USER_VARIABLE)
                .hasMessageContaining(PostgresTestDatabase.PASSWORD_VARIABLE);
    }
}
