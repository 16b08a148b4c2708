package dev.switchboard.bench.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The server's tables and statements for messages on H2 (B7__baseline.sql, AppliedMessages). */
final class H2Store implements StoreProbe.Store {
    private final Connection connection;

    H2Store(Path dir, String[] conversations) throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("probe").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=500"
                + ";CACHE_SIZE=65536;LOCK_TIMEOUT=10000", "sa", "");
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE conversations (id VARCHAR(128) NOT NULL, last_seq BIGINT NOT NULL DEFAULT 0,"
                    + " updated_at TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT conversations_pk PRIMARY KEY (id))");
            st.execute("CREATE TABLE messages (id VARCHAR(128) NOT NULL, conversation_id VARCHAR(128) NOT NULL,"
                    + " seq BIGINT NOT NULL, sender_id VARCHAR(128) NOT NULL, kind VARCHAR(16) NOT NULL,"
                    + " text VARCHAR NOT NULL, client_key VARCHAR(128), created_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " edited_at TIMESTAMP WITH TIME ZONE, visibility VARCHAR(16) DEFAULT 'all' NOT NULL,"
                    + " deleted_at TIMESTAMP WITH TIME ZONE,"
                    + " CONSTRAINT messages_client_key_uq UNIQUE (conversation_id, sender_id, client_key),"
                    + " CONSTRAINT messages_pk PRIMARY KEY (conversation_id, seq),"
                    + " CONSTRAINT messages_id_uq UNIQUE (id))");
            st.execute("CREATE TABLE message_journal (id INT NOT NULL, applied_position BIGINT NOT NULL,"
                    + " CONSTRAINT message_journal_pk PRIMARY KEY (id))");
            st.execute("INSERT INTO message_journal VALUES (1, 0)");
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO conversations (id, updated_at) VALUES (?, ?)")) {
            for (String c : conversations) {
                ps.setString(1, c);
                ps.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        connection.setAutoCommit(false);
    }

    @Override
    public void apply(List<StoreProbe.Msg> batch, long position) throws SQLException {
        Map<String, Long> lastSeq = new HashMap<>();
        for (StoreProbe.Msg m : batch) lastSeq.merge(m.conversation(), m.seq(), Math::max);
        try (PreparedStatement move = connection.prepareStatement("UPDATE conversations SET"
                + " last_seq = GREATEST(last_seq, ?), updated_at = GREATEST(updated_at, ?) WHERE id = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (id, conversation_id,"
                        + " seq, sender_id, kind, text, client_key, created_at, edited_at, visibility)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement applied = connection.prepareStatement(
                        "UPDATE message_journal SET applied_position = ? WHERE id = 1")) {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            for (Map.Entry<String, Long> e : lastSeq.entrySet()) {
                move.setLong(1, e.getValue());
                move.setTimestamp(2, now);
                move.setString(3, e.getKey());
                move.addBatch();
            }
            move.executeBatch();
            for (StoreProbe.Msg m : batch) {
                insert.setString(1, m.id());
                insert.setString(2, m.conversation());
                insert.setLong(3, m.seq());
                insert.setString(4, m.sender());
                insert.setString(5, "text");
                insert.setString(6, m.text());
                insert.setString(7, m.clientKey());
                insert.setTimestamp(8, new Timestamp(m.createdMillis()));
                insert.setTimestamp(9, null);
                insert.setString(10, "all");
                insert.addBatch();
            }
            insert.executeBatch();
            applied.setLong(1, position);
            applied.executeUpdate();
        }
        connection.commit();
    }

    @Override
    public int latest(String conversation, int limit) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, conversation_id, seq, sender_id, kind,"
                + " text, client_key, created_at, edited_at, visibility FROM messages WHERE conversation_id = ?"
                + " ORDER BY seq DESC LIMIT ?")) {
            ps.setString(1, conversation);
            ps.setInt(2, limit);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString(1);
                    rs.getString(6);
                    rs.getTimestamp(8);
                    n++;
                }
            }
            connection.commit();
            return n;
        }
    }

    @Override
    public boolean hasId(String id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT seq FROM messages WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                boolean found = rs.next();
                connection.commit();
                return found;
            }
        }
    }

    @Override
    public void checkpoint() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CHECKPOINT");
        }
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
