package dev.switchboard.jdbc;

import dev.switchboard.app.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

class MigrationBaselineH2Test extends MigrationBaselineContract {

    @Override
    ServerConfig.Storage emptyDatabase() {
        try {
            return new ServerConfig.Storage(Files.createTempDirectory("switchboard-baseline-"), "", null, null, 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void drop(ServerConfig.Storage database) {
        try (Stream<Path> files = Files.walk(database.dataDir())) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** H2 names the indexes behind keys itself, differently depending on how they came about; those names are left out. */
    @Override
    List<String> indexes(Connection c) throws SQLException {
        return query(c, "SELECT i.table_name, CASE WHEN RIGHT(i.index_name, 4) = '_idx' THEN i.index_name ELSE '-' END,"
                + " i.index_type_name, '(' || STRING_AGG(ic.column_name, ',' ORDER BY ic.ordinal_position) || ')'"
                + " FROM information_schema.indexes i JOIN information_schema.index_columns ic"
                + " ON ic.index_schema = i.index_schema AND ic.index_name = i.index_name"
                + " WHERE i.table_schema = CURRENT_SCHEMA AND i.table_name <> 'flyway_schema_history'"
                + " GROUP BY i.table_name, i.index_name, i.index_type_name ORDER BY 1, 2, 3, 4");
    }
}
