package dev.switchboard.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one connection pool, to the embedded H2 file database or to PostgreSQL, with the
 * schema migrated to the latest version before anyone uses it. Open it once at startup, share it
 * among the stores, close it last at shutdown.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String MIGRATIONS = "classpath:db/migration";
    /** Under the data directory: the embedded database's message journal (decision 0005). */
    static final String JOURNAL_DIR = "journal";
    /** Under the data directory: the embedded database's messages, where RocksDB runs (decision 0009). */
    static final String MESSAGES_DIR = "messages";
    /** Under the data directory: RocksDB's native library, extracted from the jar once per version. */
    static final String NATIVE_DIR = "native";

    private final HikariDataSource dataSource;
    private final ConnectionTarget target;
    private final Jdbc jdbc;
    private MessageJournal journal; // embedded only
    private MessageWriteBehind messages; // embedded only
    private RocksMessageStore messageStore; // embedded where RocksDB runs
    private HikariDataSource applierPool; // embedded only: the message applier's one connection

    private Database(HikariDataSource dataSource, ConnectionTarget target) {
        this.dataSource = dataSource;
        this.target = target;
        this.jdbc = new Jdbc(dataSource, target.embedded());
    }

    /**
     * Connects and migrates. Fails with UNAVAILABLE when the database cannot be reached or migrated,
     * and with IllegalArgumentException when the URL is not one Switchboard understands.
     */
    public static Database open(StorageSettings storage) {
        return open(storage, true);
    }

    /**
     * {@link #open(StorageSettings)}; with {@code messageStore} false the embedded database keeps its
     * messages as rows, as where RocksDB cannot run (for tests of that path).
     */
    static Database open(StorageSettings storage, boolean messageStore) {
        ConnectionTarget target = ConnectionTarget.of(storage);
        if (target.embedded()) createDirectories(storage);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(poolConfig(target, storage.poolSize()));
        } catch (RuntimeException e) {
            throw new SwitchboardException(ErrorCode.UNAVAILABLE, "cannot connect to " + target.describe(), e);
        }
        try {
            migrate(dataSource, target);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new SwitchboardException(ErrorCode.UNAVAILABLE, "cannot migrate " + target.describe(), e);
        }
        Database database = new Database(dataSource, target);
        if (target.embedded()) {
            try {
                database.messageStore = messageStore
                        ? MessagesFromH2.open(database.jdbc, storage.dataDir().resolve(MESSAGES_DIR),
                                storage.dataDir().resolve(NATIVE_DIR)) : null;
                if (database.messageStore != null) database.jdbc.messagesIn(database.messageStore);
            } catch (RuntimeException e) {
                dataSource.close();
                throw new SwitchboardException(ErrorCode.UNAVAILABLE, "cannot open the message store in "
                        + storage.dataDir().resolve(MESSAGES_DIR), e);
            }
            try {
                // also the checkpoint that makes the migrations durable
                database.journal = JournalReplay.open(database.jdbc, storage.dataDir().resolve(JOURNAL_DIR));
                database.applierPool = new HikariDataSource(applierPoolConfig(target));
                database.messages = new MessageWriteBehind(database.jdbc,
                        database.jdbc.onOwnConnections(database.applierPool), database.journal);
                database.jdbc.messagesBehind(database.messages);
            } catch (RuntimeException e) {
                if (database.applierPool != null) database.applierPool.close();
                dataSource.close();
                if (database.messageStore != null) database.messageStore.close();
                throw new SwitchboardException(ErrorCode.UNAVAILABLE, "cannot open the message journal in "
                        + storage.dataDir().resolve(JOURNAL_DIR), e);
            }
        }
        return database;
    }

    /**
     * Raw connections, for health checks and tests. On the embedded database they may not see the
     * newest messages yet: call {@link #awaitStoredMessages} first when that matters.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether this is the embedded H2 database rather than PostgreSQL. */
    public boolean embedded() {
        return target.embedded();
    }

    Jdbc jdbc() {
        return jdbc;
    }

    /**
     * Returns once every message acknowledged so far is in the tables (on the embedded database they
     * are stored behind the journal; on PostgreSQL they always are).
     */
    public void awaitStoredMessages() {
        if (messages != null) messages.awaitApplied();
    }

    /** Where the embedded database keeps its messages; null where they are rows (PostgreSQL, or no RocksDB). */
    RocksMessageStore messageStore() {
        return messageStore;
    }

    /** The embedded database's message path (journal first, the stores behind); null for PostgreSQL. */
    MessageWriteBehind messages() {
        return messages;
    }

    /**
     * Closes the pool; for the embedded database this first stores the messages not yet stored, then
     * closes the message store and the database file, each writing what it holds, and then the journal.
     */
    @Override
    public void close() {
        if (messages != null) messages.close();
        if (applierPool != null) applierPool.close();
        if (messageStore != null) messageStore.close();
        dataSource.close();
        if (journal != null) journal.close();
        log.info("closed database {}", target.describe());
    }

    private static HikariConfig poolConfig(ConnectionTarget target, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard-db");
        config.setJdbcUrl(target.jdbcUrl());
        if (target.user() != null) config.setUsername(target.user());
        if (target.password() != null) config.setPassword(target.password());
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(10_000);
        return config;
    }

    /**
     * The embedded database's message applier has a connection of its own, which no handler can take:
     * a burst of handlers waiting for the pool must not stop the messages they wait for from being stored.
     */
    private static HikariConfig applierPoolConfig(ConnectionTarget target) {
        HikariConfig config = poolConfig(target, 1);
        config.setPoolName("switchboard-apply");
        return config;
    }

    private static void migrate(DataSource dataSource, ConnectionTarget target) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .load()
                .migrate();
        log.info("database {} at schema version {} ({} migrations applied now)",
                target.describe(), result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    private static void createDirectories(StorageSettings storage) {
        try {
            Files.createDirectories(storage.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + storage.dataDir(), e);
        }
    }
}
