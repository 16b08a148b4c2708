package dev.switchboard.jdbc;

import dev.switchboard.conversation.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the embedded database's {@link RocksMessageStore} (decision 0009) and, the first time, moves
 * into it the messages an earlier version kept as rows of H2's {@code messages} table. Where RocksDB
 * cannot run (its native library is built for Linux only), messages stay rows of H2, as before; but a
 * data directory whose messages already live in RocksDB is not opened without it.
 */
final class MessagesFromH2 {
    private static final Logger log = LoggerFactory.getLogger(MessagesFromH2.class);

    private MessagesFromH2() {}

    /**
     * The store in {@code dir}, with every message H2 held moved in; null where RocksDB cannot run here.
     * RocksDB's native library is kept in {@code libraryDir} ({@link RocksLibrary}).
     */
    static RocksMessageStore open(Jdbc jdbc, Path dir, Path libraryDir) {
        return open(jdbc, dir, () -> RocksLibrary.load(libraryDir));
    }

    /** {@link #open(Jdbc, Path, Path)} with the library loaded by {@code loadLibrary} (tests: one that fails). */
    static RocksMessageStore open(Jdbc jdbc, Path dir, Runnable loadLibrary) {
        try {
            loadLibrary.run();
        } catch (LinkageError | RuntimeException e) {
            if (Files.exists(dir)) {
                throw new IllegalStateException("the messages are in " + dir + ", but RocksDB cannot run here", e);
            }
            log.warn("RocksDB cannot run here ({}); messages are stored as rows of the embedded database", e.toString());
            return null;
        }
        RocksMessageStore store = RocksMessageStore.open(dir);
        try {
            if (!store.movedFromH2()) move(jdbc, store);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Copies every row (a restart after a crash here copies again: the store keeps what it has), makes
     * the store durable and marks it, and only then empties the table.
     */
    private static void move(Jdbc jdbc, RocksMessageStore store) {
        long applied = jdbc.readNow(AppliedMessages::appliedPosition);
        long moved = jdbc.readNow(c -> {
            long n = 0;
            try (Statement st = c.createStatement()) {
                st.execute("SET LAZY_QUERY_EXECUTION TRUE");
                try (ResultSet rs = st.executeQuery("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages m")) {
                    while (rs.next()) {
                        Message m = Rows.message(rs);
                        if (store.storeIfAbsent(m, applied)) n++;
                    }
                } finally {
                    st.execute("SET LAZY_QUERY_EXECUTION FALSE");
                }
            }
            return n;
        });
        store.markMovedFromH2();
        int deleted = jdbc.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("DELETE FROM messages");
            }
        });
        if (deleted > 0) {
            log.info("moved the embedded database's {} messages into the message store ({} copied now)", deleted, moved);
        }
    }
}
