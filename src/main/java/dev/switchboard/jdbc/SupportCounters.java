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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 003's per-side unread counters of support chats ({@code unread_by_staff},
 * {@code unread_by_customer}) and the first response time, moved inside the transactions that store
 * and read messages. In any other conversation the statements match no row. Internal notes and
 * system notices move nothing.
 */
final class SupportCounters {
    /**
     * One per stored message, or per conversation and sender for several of their messages (the count
     * bound twice), executed as one JDBC batch per transaction.
     */
    static final String AFTER_APPEND = "UPDATE support_chats SET"
            + " unread_by_staff = unread_by_staff + CASE WHEN customer_id = ? THEN ? ELSE 0 END,"
            + " unread_by_customer = unread_by_customer + CASE WHEN customer_id = ? THEN 0 ELSE ? END,"
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
        if (!moves(m)) return false;
        add(ps, m.conversationId(), m.senderId(), 1, m.createdAt());
        return true;
    }

    /**
     * Adds the counter updates of {@code messages} to {@code ps}'s batch, one per conversation and sender
     * (their count at once, the earliest of their times for the first response), the earliest sender of a
     * conversation first, so that its first response is the earliest staff message; false when none moves
     * anything.
     */
    static boolean addAfterAppend(PreparedStatement ps, Iterable<Message> messages) throws SQLException {
        Map<ConversationId, Map<UserId, Sent>> sent = new LinkedHashMap<>();
        for (Message m : messages) {
            if (!moves(m)) continue;
            sent.computeIfAbsent(m.conversationId(), id -> new HashMap<>(4))
                    .computeIfAbsent(m.senderId(), id -> new Sent(m.createdAt())).add(m.createdAt());
        }
        for (Map.Entry<ConversationId, Map<UserId, Sent>> conversation : sent.entrySet()) {
            List<Map.Entry<UserId, Sent>> senders = new ArrayList<>(conversation.getValue().entrySet());
            senders.sort(Comparator.comparing(sender -> sender.getValue().earliest));
            for (Map.Entry<UserId, Sent> sender : senders) {
                add(ps, conversation.getKey(), sender.getKey(), sender.getValue().count, sender.getValue().earliest);
            }
        }
        return !sent.isEmpty();
    }

    private static boolean moves(Message m) {
        return !m.isNote() && m.kind() != MessageKind.SYSTEM;
    }

    private static void add(PreparedStatement ps, ConversationId conversation, UserId sender, int count, Instant at)
            throws SQLException {
        ps.setString(1, sender.value());
        ps.setInt(2, count);
        ps.setString(3, sender.value());
        ps.setInt(4, count);
        ps.setString(5, sender.value());
        Rows.setInstant(ps, 6, at);
        ps.setString(7, conversation.value());
        ps.addBatch();
    }

    /** How many counted messages one sender sent in a conversation, and the earliest one's time. */
    private static final class Sent {
        Instant earliest;
        int count;

        Sent(Instant at) {
            this.earliest = at;
        }

        void add(Instant at) {
            count++;
            if (at.isBefore(earliest)) earliest = at;
        }
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
