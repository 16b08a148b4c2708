package dev.switchboard.jdbc;

import dev.switchboard.app.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The embedded H2 file database in a fresh temporary directory, as Switchboard runs it by default. */
final class H2TestDatabase implements TestDatabase {
    private final Path dataDir;
    private Database database;

    H2TestDatabase() {
        try {
            dataDir = Files.createTempDirectory("switchboard-h2-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = open();
    }

    @Override
    public Database database() {
        return database;
    }

    /** Closes the database and opens it again from its files, as a restarted server would. */
    Database reopen() {
        database.close();
        database = open();
        return database;
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        database.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Database open() {
        return Database.open(new ServerConfig.Storage(dataDir, "", "", "", 10));
    }
}
