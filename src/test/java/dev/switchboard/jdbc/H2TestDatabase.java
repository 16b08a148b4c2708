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
    /** The handlers' pool: connections a test may hold to drain it. */
    static final int POOL_SIZE = 10;

    private final Path dataDir;
    private boolean messageStore;
    private Database database;

    /** As Switchboard runs it: messages in the RocksDB message store. */
    H2TestDatabase() {
        this(true);
    }

    /** With {@code messageStore} false, messages are rows of H2, as where RocksDB cannot run. */
    H2TestDatabase(boolean messageStore) {
        this.messageStore = messageStore;
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

    /** {@link #reopen}, with messages in the message store or as rows from now on (a new version's first start). */
    Database reopen(boolean withMessageStore) {
        database.close();
        messageStore = withMessageStore;
        database = open();
        return database;
    }

    /** Opens the database from its files after {@link #crash}, as the restarted server would. */
    Database openAfterCrash() {
        database = open();
        return database;
    }

    /**
     * From now on H2 writes its file only at checkpoints, not in the background: what a transaction did
     * reaches the file only if something made it durable (a crash test's way to control timing).
     */
    void holdBackgroundWrites() {
        execute("SET WRITE_DELAY 600000");
    }

    /**
     * Ends the database as a crash would: H2 closes its files without writing what it had not written
     * yet, and the journal is left as it is.
     */
    void crash() {
        if (database.messages() != null) database.messages().abandon();
        if (database.messageStore() != null) database.messageStore().loseMemoryOnClose();
        try (java.sql.Connection c = database.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("SHUTDOWN IMMEDIATELY");
        } catch (java.sql.SQLException expected) {
            // H2 answers its own shutdown with "database is already closed"
        }
        database.close();
    }

    /** {@link #crash}, then opens the database again from its files, as a restarted server would. */
    Database crashAndReopen() {
        crash();
        database = open();
        return database;
    }

    /** Counts rows in the database files as they are, without the journal; call after {@link #crash}. */
    long countInFiles(String table) {
        String url = "jdbc:h2:file:" + dataDir.resolve("switchboard").toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
                java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Messages in the message store's files as they are, without the journal; call after {@link #crash}.
     * Where RocksDB does not run, the rows of H2's table.
     */
    long messagesInFiles() {
        if (!Files.exists(dataDir.resolve(Database.MESSAGES_DIR))) return countInFiles("messages");
        try (RocksMessageStore store = RocksMessageStore.open(dataDir.resolve(Database.MESSAGES_DIR))) {
            return store.count();
        }
    }

    void execute(String sql) {
        try (java.sql.Connection c = database.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
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
        return Database.open(new ServerConfig.Storage(dataDir, "", "", "", POOL_SIZE), messageStore);
    }
}
