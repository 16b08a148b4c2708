package dev.switchboard.jdbc;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationStore.NewMessage;
import dev.switchboard.conversation.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statements of the embedded database's message path ({@link MessageWriteBehind}): what it reads
 * of H2 before a journal write, and how the journaled messages are stored in H2 behind it, in a batch,
 * or one at a time and idempotently (at start-up, and when a batch failed).
 */
final class AppliedMessages {
    private static final Logger log = LoggerFactory.getLogger(AppliedMessages.class);
    // never backwards: a batch stored again one message at a time may follow its own commit (MessageApplier)
    static final String APPLIED = "UPDATE message_journal SET applied_position = GREATEST(applied_position, ?) WHERE id = 1";
    // a support chat's row is inserted with its conversation, in one transaction (JdbcSupportChatStore), and
    // no other conversation ever gets one: what this finds holds for as long as the conversation exists
    private static final String CONVERSATION = "SELECT c.last_seq, s.conversation_id FROM conversations c"
            + " LEFT JOIN support_chats s ON s.conversation_id = c.id WHERE c.id = ?";
    private static final String FIND_BY_KEY = "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages m"
            + " WHERE m.conversation_id = ? AND m.sender_id = ? AND m.client_key = ?";
    private static final String HAS_SEQ = "SELECT 1 FROM messages WHERE conversation_id = ? AND seq = ?";
    private static final String MOVE_LAST_SEQ = "UPDATE conversations SET last_seq = GREATEST(last_seq, ?),"
            + " updated_at = GREATEST(updated_at, ?) WHERE id = ?";

    /** What the send path needs of a conversation row: its last seq, and whether it is a support chat. */
    record ConversationRow(long lastSeq, boolean supportChat) {}

    private AppliedMessages() {}

    static Optional<ConversationRow> conversation(Connection c, ConversationId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CONVERSATION)) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new ConversationRow(rs.getLong(1), rs.getString(2) != null));
            }
        }
    }

    /** Messages stored. */
    static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM messages")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Receives one stored client key with its conversation and sender. */
    @FunctionalInterface
    interface ClientKeys {
        void accept(String conversationId, String senderId, String clientKey);
    }

    /**
     * Hands every stored client key to {@code keys}, streamed rather than collected (H2's lazy
     * execution, for this query only), and returns how many there were.
     */
    static long eachClientKey(Connection c, ClientKeys keys) throws SQLException {
        long n = 0;
        try (Statement st = c.createStatement()) {
            st.execute("SET LAZY_QUERY_EXECUTION TRUE");
            try (ResultSet rs = st.executeQuery(
                    "SELECT conversation_id, sender_id, client_key FROM messages WHERE client_key IS NOT NULL")) {
                while (rs.next()) {
                    keys.accept(rs.getString(1), rs.getString(2), rs.getString(3));
                    n++;
                }
            } finally {
                st.execute("SET LAZY_QUERY_EXECUTION FALSE");
            }
        }
        return n;
    }

    /** The stored message that {@code m} would retry: same conversation, sender and client key. */
    static Optional<Message> findByClientKey(Connection c, NewMessage m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND_BY_KEY)) {
            ps.setString(1, m.conversationId().value());
            ps.setString(2, m.senderId().value());
            ps.setString(3, m.clientKey());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Rows.message(rs)) : Optional.empty();
            }
        }
    }

    /**
     * One batch of journaled messages as rows of H2, in journal order: the messages inserted, and their
     * effects as {@link #applyEffects} moves them (each conversation once, the batch's last position).
     */
    static void insertAll(Connection c, List<WaitingMessages.Waiting> batch) throws SQLException {
        PendingEffects effects = new PendingEffects(System.nanoTime());
        try (PreparedStatement insert = c.prepareStatement(MessageAppender.INSERT)) {
            for (WaitingMessages.Waiting w : batch) {
                MessageAppender.bind(insert, w.message());
                insert.addBatch();
                effects.add(w);
            }
            insert.executeBatch();
        }
        applyEffects(c, effects);
    }

    /**
     * The effects of stored messages (their rows are in the {@link RocksMessageStore}): each
     * conversation's last seq and time moved on once, the support chats' counters once per conversation
     * and sender, and their last journal position recorded as applied.
     */
    static void applyEffects(Connection c, PendingEffects effects) throws SQLException {
        try (PreparedStatement move = c.prepareStatement(MOVE_LAST_SEQ);
                PreparedStatement counters = c.prepareStatement(SupportCounters.AFTER_APPEND)) {
            for (PendingEffects.Conversation conversation : effects.conversations()) {
                addMove(move, conversation.id, conversation.lastSeq, conversation.latest);
            }
            move.executeBatch();
            if (SupportCounters.addAfterAppend(counters, effects.ofSupportChats())) counters.executeBatch();
        }
        setApplied(c, effects.lastPosition());
    }

    private static void addMove(PreparedStatement move, ConversationId id, long lastSeq, Instant latest)
            throws SQLException {
        move.setLong(1, lastSeq);
        Rows.setInstant(move, 2, latest);
        move.setString(3, id.value());
        move.addBatch();
    }

    /**
     * Stores a journaled message as a row unless the database already has its seq: the effects of applying
     * it, with the seq the journal recorded. A message whose conversation is missing is skipped (it cannot
     * have been acknowledged after its conversation was).
     */
    static boolean storeAgain(Connection c, Message m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HAS_SEQ)) {
            ps.setString(1, m.conversationId().value());
            ps.setLong(2, m.seq());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return false;
            }
        }
        if (!moveLastSeq(c, m)) return false;
        try (PreparedStatement ps = c.prepareStatement(MessageAppender.INSERT)) {
            MessageAppender.bind(ps, m);
            ps.executeUpdate();
        }
        moveCounters(c, m);
        return true;
    }

    /**
     * What storing a message moves in H2 where the message itself lives in the {@link RocksMessageStore}:
     * its conversation's last seq and time, and a support chat's counters. The caller makes sure this
     * runs once per journal position (the applied position says); false, and nothing moved, when the
     * conversation is missing.
     */
    static boolean storeEffects(Connection c, Message m) throws SQLException {
        if (!moveLastSeq(c, m)) return false;
        moveCounters(c, m);
        return true;
    }

    private static boolean moveLastSeq(Connection c, Message m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MOVE_LAST_SEQ)) {
            ps.setLong(1, m.seq());
            Rows.setInstant(ps, 2, m.createdAt());
            ps.setString(3, m.conversationId().value());
            if (ps.executeUpdate() == 0) {
                log.warn("journal names a message of conversation {}, which does not exist; skipped", m.conversationId());
                return false;
            }
        }
        return true;
    }

    private static void moveCounters(Connection c, Message m) throws SQLException {
        try (PreparedStatement counters = c.prepareStatement(SupportCounters.AFTER_APPEND)) {
            if (SupportCounters.addAfterAppend(counters, m)) counters.executeBatch();
        }
    }

    /** The journal position whose effects H2 holds. */
    static long appliedPosition(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT applied_position FROM message_journal WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    static void setApplied(Connection c, long position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(APPLIED)) {
            ps.setLong(1, position);
            ps.executeUpdate();
        }
    }
}
