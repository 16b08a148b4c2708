package dev.switchboard.jdbc;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ReadReceipt;
import dev.switchboard.identity.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Read positions and unread counts. A position is the highest seq a participant has read; it only
 * moves forward (the update's own condition decides, under the row lock, so racing tabs cannot move
 * it back) and never past the conversation's latest message.
 */
final class ReadState {
    private final Jdbc jdbc;

    ReadState(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    ReadReceipt markRead(ConversationId id, UserId user, long uptoSeq, Instant at) {
        return jdbc.inTransaction(c -> {
            long target = Math.min(uptoSeq, JdbcConversationStore.lastSeq(c, id));
            try (PreparedStatement ps = c.prepareStatement("UPDATE conversation_participants SET last_read_seq = ?,"
                    + " read_at = ? WHERE conversation_id = ? AND user_id = ? AND last_read_seq < ?")) {
                ps.setLong(1, target);
                Rows.setInstant(ps, 2, at);
                ps.setString(3, id.value());
                ps.setString(4, user.value());
                ps.setLong(5, target);
                ps.executeUpdate();
            }
            SupportCounters.afterRead(c, id, user, jdbc.messageStore());
            try (PreparedStatement ps = c.prepareStatement("SELECT last_read_seq, COALESCE(read_at, joined_at)"
                    + " AS read_at FROM conversation_participants WHERE conversation_id = ? AND user_id = ?")) {
                ps.setString(1, id.value());
                ps.setString(2, user.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new SwitchboardException(ErrorCode.NOT_PARTICIPANT);
                    return new ReadReceipt(id, user, rs.getLong("last_read_seq"), Rows.instant(rs, "read_at"));
                }
            }
        });
    }

    Map<ConversationId, Long> unreadCounts(UserId user) {
        return jdbc.read(c -> {
            RocksMessageStore store = jdbc.messageStore();
            if (store != null) return unreadInStore(c, store, user);
            String sql = "SELECT p.conversation_id, COUNT(*) AS unread FROM conversation_participants p"
                    + " JOIN messages m ON m.conversation_id = p.conversation_id AND m.seq > p.last_read_seq"
                    + " WHERE p.user_id = ? AND m.sender_id <> ?" + Rows.visibleTo(Rows.seesNotes(c, user), "m")
                    + " GROUP BY p.conversation_id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, user.value());
                ps.setString(2, user.value());
                Map<ConversationId, Long> counts = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) counts.put(new ConversationId(rs.getString(1)), rs.getLong(2));
                }
                return counts;
            }
        });
    }

    /** {@link #unreadCounts} where messages live in the store: the conversations with anything after the read position. */
    private static Map<ConversationId, Long> unreadInStore(Connection c, RocksMessageStore store, UserId user)
            throws SQLException {
        boolean seesNotes = Rows.seesNotes(c, user);
        Map<ConversationId, Long> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.conversation_id, p.last_read_seq"
                + " FROM conversation_participants p JOIN conversations c ON c.id = p.conversation_id"
                + " WHERE p.user_id = ? AND c.last_seq > p.last_read_seq")) {
            ps.setString(1, user.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ConversationId id = new ConversationId(rs.getString(1));
                    long n = store.unread(id, rs.getLong(2), user, seesNotes);
                    if (n > 0) counts.put(id, n);
                }
            }
        }
        return counts;
    }
}
