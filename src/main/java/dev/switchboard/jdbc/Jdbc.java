package dev.switchboard.jdbc;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of work on pooled connections and translates failures: unique violations become
 * {@link DuplicateKeyException}, lost connections UNAVAILABLE, anything else INTERNAL. A transaction
 * that loses a lock race (deadlock, serialization failure, H2 lock timeout or concurrent update) is
 * rolled back and run again, so work must not have side effects outside the database.
 *
 * <p>On the embedded database, whose file H2 writes in the background, a transaction is durable when
 * its method returns: each one is followed by a checkpoint that writes H2's file, except the
 * {@code journaled} ones, whose caller makes them durable by other means (the {@link MessageJournal}).
 * There, new messages reach H2 behind their acknowledgement ({@link MessageWriteBehind}): every read and
 * transaction but the {@code journaled} ones and {@link #readNow} first waits until the messages
 * acknowledged before it are in H2, so nobody sees the database without them.
 */
final class Jdbc {
    private static final Logger log = LoggerFactory.getLogger(Jdbc.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final String UNIQUE_VIOLATION = "23505";
    // 40001 serialization failure (also H2 deadlock), 40P01 PostgreSQL deadlock, HYT00 H2 lock
    // timeout, 90131 H2 concurrent update: all mean "try again", not "your data is wrong".
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "HYT00", "90131");

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final boolean checkpointWrites;
    private volatile MessageWriteBehind messages; // embedded only, once opened
    private volatile RocksMessageStore messageStore; // embedded where RocksDB runs; else messages are rows
    // A caller's commit is done before it queues, so a checkpoint run after draining the queue covers
    // everyone in it; those who arrive meanwhile share the next one.
    private final LeaderBatch<Boolean> checkpoints = new LeaderBatch<>(Integer.MAX_VALUE, committed -> writeFile());

    /** @param checkpointWrites whether each transaction needs a checkpoint to be durable (embedded H2) */
    Jdbc(DataSource dataSource, boolean checkpointWrites) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.checkpointWrites = checkpointWrites;
    }

    /**
     * A Jdbc for the same database on other connections, with its own checkpoints and this one's message
     * store, that never waits for messages not yet stored: the message applier's, so that it neither
     * takes connections from the pool the handlers drain nor queues behind their checkpoints (a burst of
     * new conversations once stalled it for a minute that way, docs/performance.md, step 25).
     */
    Jdbc onOwnConnections(DataSource own) {
        Jdbc jdbc = new Jdbc(own, checkpointWrites);
        jdbc.messageStore = messageStore;
        return jdbc;
    }

    /** From now on, reads and transactions first wait for the messages {@code messages} has not stored yet. */
    void messagesBehind(MessageWriteBehind messages) {
        this.messages = messages;
    }

    /** From now on messages live in {@code store} rather than in the {@code messages} table (decision 0009). */
    void messagesIn(RocksMessageStore store) {
        this.messageStore = store;
    }

    /** Where messages live on the embedded database; null where they are rows of the {@code messages} table. */
    RocksMessageStore messageStore() {
        return messageStore;
    }

    /** Runs {@code work} in one transaction: committed and durable if it returns, rolled back if it throws. */
    <T> T inTransaction(Work<T> work) {
        awaitMessages();
        T result = inJournaledTransaction(work);
        if (checkpointWrites) checkpoint();
        return result;
    }

    /**
     * {@link #inTransaction}, but on the embedded database the commit is not yet written to the file
     * when this returns: the caller makes it durable (the message journal) or calls {@link #checkpoint}.
     */
    <T> T inJournaledTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection, e);
                    throw e;
                }
            } catch (SQLException e) {
                // a pool timeout carries no SQLState, and Set.of(...).contains(null) throws
                if (attempt < MAX_ATTEMPTS && e.getSQLState() != null && RETRYABLE.contains(e.getSQLState())) {
                    log.debug("transaction lost a lock race (SQLState {}), attempt {}", e.getSQLState(), attempt);
                    backOff(attempt);
                    continue;
                }
                throw translate(e);
            }
        }
    }

    /**
     * Runs {@code work} in one transaction, once. Throws {@link RolledBackException} when the work
     * failed, so that nothing was stored, and the translated failure when the commit failed, when
     * whether anything was stored is unknown.
     */
    <T> T inTransactionOnce(Work<T> work) {
        awaitMessages();
        T result = inJournaledTransactionOnce(work);
        if (checkpointWrites) checkpoint();
        return result;
    }

    /** {@link #inTransactionOnce}, made durable by the caller as {@link #inJournaledTransaction} is. */
    <T> T inJournaledTransactionOnce(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
            } catch (SQLException e) {
                rollbackQuietly(connection, e);
                throw new RolledBackException(translate(e));
            } catch (RuntimeException e) {
                rollbackQuietly(connection, e);
                throw new RolledBackException(e);
            }
            connection.commit();
            return result;
        } catch (SQLException e) {
            throw translate(e); // getConnection, setAutoCommit or commit: nothing or everything stored
        }
    }

    /**
     * Writes everything committed so far into the embedded database's file (a no-op elsewhere, where
     * every commit is durable). Callers arriving together share one checkpoint ({@link LeaderBatch}).
     * Throws UNAVAILABLE or INTERNAL when that fails.
     */
    void checkpoint() {
        if (checkpointWrites) checkpoints.submit(Boolean.TRUE);
    }

    /**
     * {@link #checkpoint}, and the message store's memory written to its files too: what a journal
     * segment may be deleted after.
     */
    void checkpointWithMessages() {
        checkpoint();
        RocksMessageStore store = messageStore;
        if (store != null) store.flush();
    }

    private void writeFile() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Runs read-only {@code work} in auto-commit mode. */
    <T> T read(Work<T> work) {
        awaitMessages();
        return readNow(work);
    }

    /** {@link #read}, without waiting for messages not yet in H2: for the code that stores them. */
    <T> T readNow(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private void awaitMessages() {
        MessageWriteBehind behind = messages;
        if (behind != null) behind.awaitApplied();
    }

    static RuntimeException translate(SQLException e) {
        String state = e.getSQLState();
        if (UNIQUE_VIOLATION.equals(state)) return new DuplicateKeyException(e);
        // Only the state and vendor code are logged: driver messages can quote stored values.
        if (e instanceof SQLTransientConnectionException || (state != null && state.startsWith("08"))) {
            log.warn("database unavailable: SQLState {}, code {}", state, e.getErrorCode());
            return new SwitchboardException(ErrorCode.UNAVAILABLE, "the database is unavailable", e);
        }
        log.error("database error: SQLState {}, code {}", state, e.getErrorCode());
        return new SwitchboardException(ErrorCode.INTERNAL, "database error", e);
    }

    static void backOff(int attempt) {
        try {
            // Jitter keeps racing transactions from retrying in lockstep.
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwitchboardException(ErrorCode.UNAVAILABLE, "interrupted while retrying", e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
