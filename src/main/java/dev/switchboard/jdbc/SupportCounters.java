package dev.switchboard.jdbc;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.MessageKind;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Seed 003's per-side unread counters of support chats ({@code unread_by_staff},
 * {@code unread_by_customer}) and the first response time, moved inside the transactions that store
 * and read messages. In any other conversation the statements match no row. Internal notes and
 * system notices move nothing.
 */
final class SupportCounters {
    /** One per stored message, executed as one JDBC batch per transaction. */
    static final String AFTER_APPEND = "UPDATE support_chats SET"
            + " unread_by_staff = unread_by_staff + CASE WHEN customer_id = ? THEN 1 ELSE 0 END,"
            + " unread_by_customer = unread_by_customer + CASE WHEN customer_id = ? THEN 0 ELSE 1 END,"
            + " first_response_at = CASE WHEN first_response_at IS NULL AND customer_id <> ?"
            + " THEN CAST(? AS TIMESTAMP WITH TIME ZONE) ELSE first_response_at END"
            + " WHERE conversation_id = ?";
    private static final String CUSTOMER_READ = "UPDATE support_chats SET unread_by_customer = (SELECT COUNT(*)"
            + " FROM messages m JOIN conversation_participants p ON p.conversation_id = m.conversation_id"
            + " AND p.user_id = support_chats.customer_id WHERE m.conversation_id = support_chats.conversation_id"
            + " AND m.seq > p.last_read_seq AND m.sender_id <> support_chats.customer_id AND m.visibility = 'all'"
            + " AND m.kind <> 'system') WHERE conversation_id = ? AND customer_id = ?";
    private static final String STAFF_READ = "UPDATE support_chats SET unread_by_staff = (SELECT COUNT(*)"
            + " FROM messages m JOIN conversation_participants p ON p.conversation_id = m.conversation_id"
            + " AND p.user_id = ? WHERE m.conversation_id = support_chats.conversation_id"
            + " AND m.seq > p.last_read_seq AND m.sender_id = support_chats.customer_id AND m.visibility = 'all'"
            + " AND m.kind <> 'system') WHERE conversation_id = ? AND customer_id <> ?";

    private SupportCounters() {}

    /** Adds the counter update of {@code m} to {@code ps}'s batch; false (nothing added) for notes and notices. */
    static boolean addAfterAppend(PreparedStatement ps, Message m) throws SQLException {
        if (m.isNote() || m.kind() == MessageKind.SYSTEM) return false;
        ps.setString(1, m.senderId().value());
        ps.setString(2, m.senderId().value());
        ps.setString(3, m.senderId().value());
        Rows.setInstant(ps, 4, m.createdAt());
        ps.setString(5, m.conversationId().value());
        ps.addBatch();
        return true;
    }

    /**
     * After {@code reader} moved their read position: their side's counter becomes the number of the
     * other side's visible messages past that position (the latest reader of a side sets it).
     */
    static void afterRead(Connection c, ConversationId id, UserId reader, RocksMessageStore store) throws SQLException {
        if (store != null) {
            afterReadInStore(c, id, reader, store);
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(CUSTOMER_READ)) {
            ps.setString(1, id.value());
            ps.setString(2, reader.value());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(STAFF_READ)) {
            ps.setString(1, reader.value());
            ps.setString(2, id.value());
            ps.setString(3, reader.value());
            ps.executeUpdate();
        }
    }

    /** {@link #afterRead} where messages live in the store: the count made there, then written here. */
    private static void afterReadInStore(Connection c, ConversationId id, UserId reader, RocksMessageStore store)
            throws SQLException {
        UserId customer;
        long lastRead;
        try (PreparedStatement ps = c.prepareStatement("SELECT s.customer_id, p.last_read_seq FROM support_chats s"
                + " JOIN conversation_participants p ON p.conversation_id = s.conversation_id AND p.user_id = ?"
                + " WHERE s.conversation_id = ?")) {
            ps.setString(1, reader.value());
            ps.setString(2, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return; // not a support chat, or the reader is not in it
                customer = new UserId(rs.getString(1));
                lastRead = rs.getLong(2);
            }
        }
        boolean byCustomer = customer.equals(reader);
        long unread = store.count(id, lastRead, m -> m.visibility() == Visibility.ALL && m.kind() != MessageKind.SYSTEM
                && m.sender().equals(customer) != byCustomer);
        try (PreparedStatement ps = c.prepareStatement("UPDATE support_chats SET "
                + (byCustomer ? "unread_by_customer" : "unread_by_staff") + " = ? WHERE conversation_id = ?")) {
            ps.setLong(1, unread);
            ps.setString(2, id.value());
            ps.executeUpdate();
        }
    }
}
