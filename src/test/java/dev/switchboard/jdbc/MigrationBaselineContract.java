package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The baseline migration ({@code db/migration/B7__baseline.sql}) against the versioned ones it
 * stands for, on one database: a new database gets the same schema either way, and databases that
 * already have versioned migrations applied migrate exactly as before. "Before" is Flyway run over
 * the versioned scripts alone, as Switchboard did until the baseline existed.
 */
abstract class MigrationBaselineContract {
    private final List<ServerConfig.Storage> created = new ArrayList<>();
    private Path versionedOnly;

    /** A new, empty database (its own schema or directory); {@link #drop} removes it again. */
    abstract ServerConfig.Storage emptyDatabase();

    abstract void drop(ServerConfig.Storage database);

    /** Every index of the current schema, one line each, with the names of the ones the scripts name. */
    abstract List<String> indexes(Connection c) throws SQLException;

    @AfterEach
    void dropDatabases() throws IOException {
        created.forEach(this::drop);
        if (versionedOnly != null) {
            try (Stream<Path> files = Files.list(versionedOnly)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(versionedOnly);
        }
    }

    @Test
    void aNewDatabaseGetsTheSameSchemaFromTheBaselineAsFromTheVersionedMigrations() throws SQLException {
        ServerConfig.Storage fromBaseline = created(emptyDatabase());
        open(fromBaseline);
        ServerConfig.Storage fromVersions = created(emptyDatabase());
        migrateVersionedOnly(fromVersions, null);

        assertThat(history(fromBaseline)).containsExactly("7 SQL_BASELINE B7__baseline.sql",
                "8 SQL V8__queue_entry_declines.sql", "9 SQL V9__queue_entry_holders.sql");
        assertThat(history(fromVersions)).hasSize(8).allMatch(row -> row.contains(" SQL V"));
        String schema = schema(fromBaseline);
        assertThat(schema).contains("messages visibility 10", "queue_entries auto_route 15",
                "PRIMARY KEY messages_pk messages (conversation_id,seq)", "message_journal 1 0",
                "queue_entries declined_by 16", "queue_entries held_by 8 character varying 1000000 NO '[]'");
        assertThat(schema).isEqualTo(schema(fromVersions));
    }

    @Test
    void aDatabaseMigratedBeforeTheBaselineExistedIsLeftAsItWas() throws SQLException {
        ServerConfig.Storage target = created(emptyDatabase());
        migrateVersionedOnly(target, null);
        List<String> history = history(target);
        String schema = schema(target);

        open(target);

        assertThat(history(target)).isEqualTo(history);
        assertThat(schema(target)).isEqualTo(schema);
    }

    @Test
    void anOlderDatabaseMigratesThroughTheVersionedScriptsAndEndsWithTheBaselinesSchema() throws SQLException {
        ServerConfig.Storage older = created(emptyDatabase());
        migrateVersionedOnly(older, "3");
        ServerConfig.Storage fromBaseline = created(emptyDatabase());
        open(fromBaseline);

        open(older);

        assertThat(history(older)).extracting(row -> row.substring(0, row.indexOf(' ')))
                .containsExactly("1", "2", "3", "5", "6", "7", "8", "9");
        assertThat(history(older)).noneMatch(row -> row.contains("BASELINE"));
        assertThat(schema(older)).isEqualTo(schema(fromBaseline));
    }

    private ServerConfig.Storage created(ServerConfig.Storage database) {
        created.add(database);
        return database;
    }

    /** What the server does at start-up. */
    private static void open(ServerConfig.Storage database) {
        Database.open(database).close();
    }

    /** Flyway over the V scripts alone, up to {@code version} (null: all of them). */
    private void migrateVersionedOnly(ServerConfig.Storage database, String version) {
        ConnectionTarget target = ConnectionTarget.of(database);
        var flyway = Flyway.configure()
                .dataSource(target.jdbcUrl(), target.user(), target.password())
                .locations("filesystem:" + versionedScripts())
                .failOnMissingLocations(true);
        if (version != null) flyway.target(version);
        flyway.load().migrate();
    }

    private Path versionedScripts() {
        if (versionedOnly != null) return versionedOnly;
        try {
            versionedOnly = Files.createTempDirectory("switchboard-versioned-");
            URI shipped = MigrationBaselineContract.class.getResource("/db/migration").toURI();
            // a folder for unit tests, the jar for integration tests
            try (FileSystem jar = "jar".equals(shipped.getScheme()) ? FileSystems.newFileSystem(shipped, Map.of()) : null;
                    Stream<Path> files = Files.list(Path.of(shipped))) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("V")).toList()) {
                    Files.copy(f, versionedOnly.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return versionedOnly;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> history(ServerConfig.Storage target) throws SQLException {
        return rows(target, "SELECT \"version\", \"type\", \"script\" FROM \"flyway_schema_history\""
                + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"");
    }

    /**
     * The schema as text: columns (name, position, type, length, nullability, default), primary,
     * unique and foreign keys with their columns and rules, indexes, and the journal's row; Flyway's
     * own table left out.
     */
    private String schema(ServerConfig.Storage target) throws SQLException {
        try (Connection c = connect(target)) {
            List<String> lines = new ArrayList<>();
            lines.addAll(query(c, "SELECT table_name, column_name, ordinal_position, data_type,"
                    + " character_maximum_length, is_nullable, column_default FROM information_schema.columns"
                    + " WHERE table_schema = CURRENT_SCHEMA AND table_name <> 'flyway_schema_history'"
                    + " ORDER BY table_name, ordinal_position"));
            lines.addAll(query(c, "SELECT tc.constraint_type, tc.constraint_name, tc.table_name,"
                    + " '(' || STRING_AGG(k.column_name, ',' ORDER BY k.ordinal_position) || ')'"
                    + " FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage k"
                    + " ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name"
                    + " WHERE tc.constraint_schema = CURRENT_SCHEMA AND tc.table_name <> 'flyway_schema_history'"
                    + " AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')"
                    + " GROUP BY tc.constraint_type, tc.constraint_name, tc.table_name"
                    + " ORDER BY tc.table_name, tc.constraint_name"));
            lines.addAll(query(c, "SELECT constraint_name, unique_constraint_name, update_rule, delete_rule"
                    + " FROM information_schema.referential_constraints WHERE constraint_schema = CURRENT_SCHEMA"
                    + " ORDER BY constraint_name"));
            lines.addAll(indexes(c));
            lines.addAll(query(c, "SELECT 'message_journal', id, applied_position FROM message_journal"));
            return String.join("\n", lines);
        }
    }

    static List<String> query(Connection c, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= columns; i++) line.append(i > 1 ? " " : "").append(rs.getString(i));
                lines.add(line.toString());
            }
        }
        return lines;
    }

    private static List<String> rows(ServerConfig.Storage target, String sql) throws SQLException {
        try (Connection c = connect(target)) {
            return query(c, sql);
        }
    }

    static Connection connect(ServerConfig.Storage database) throws SQLException {
        ConnectionTarget target = ConnectionTarget.of(database);
        return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }
}
