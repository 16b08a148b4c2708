package dev.switchboard.jdbc;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.Page;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.Conversation;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationStore;
import dev.switchboard.conversation.ConversationSummary;
import dev.switchboard.conversation.ConversationType;
import dev.switchboard.conversation.Message;
import dev.switchboard.conversation.ReadReceipt;
import dev.switchboard.identity.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ConversationStore} on the shared {@link Database}. Sends to one conversation serialize on
 * its row: incrementing {@code last_seq} takes the row lock, and the message is inserted with that
 * seq before the lock is released at commit, so seqs have neither gaps nor duplicates.
 */
public final class JdbcConversationStore implements ConversationStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcConversationStore.class);
    private static final int CREATE_ATTEMPTS = 10;

    // Reserves seqs and returns the last one in one round trip: PostgreSQL's RETURNING, H2's delta table.
    private static final String RESERVE_SEQS = "UPDATE conversations SET last_seq = last_seq + ?,"
            + " updated_at = GREATEST(updated_at, ?) WHERE id = ?";
    private static final String RESERVE_SEQS_POSTGRES = RESERVE_SEQS + " RETURNING last_seq";
    private static final String RESERVE_SEQS_H2 = "SELECT last_seq FROM FINAL TABLE (" + RESERVE_SEQS + ")";

    private final Jdbc jdbc;
    private final String reserveSeqs;
    private final ConversationSummaries summaries;
    private final ReadState readState;

    public JdbcConversationStore(Database database) {
        this.jdbc = database.jdbc();
        this.reserveSeqs = database.embedded() ? RESERVE_SEQS_H2 : RESERVE_SEQS_POSTGRES;
        this.summaries = new ConversationSummaries(jdbc);
        this.readState = new ReadState(jdbc);
    }

    @Override
    public Conversation findOrCreateDirect(Conversation candidate) {
        List<UserId> pair = candidate.participants();
        if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
            throw new IllegalArgumentException("a direct conversation has two distinct participants");
        }
        String pairKey = pairKey(candidate.type(), pair.get(0), pair.get(1));
        // Racing creators: one insert wins the unique pair key; the others read the winner's row.
        for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
            Optional<Conversation> existing = jdbc.read(c -> findByPairKey(c, pairKey));
            if (existing.isPresent()) return existing.get();
            try {
                return jdbc.inTransaction(c -> {
                    insert(c, candidate, pairKey);
                    return findByPairKey(c, pairKey).orElseThrow();
                });
            } catch (DuplicateKeyException e) {
                if (!e.violates("conversations_pair_key_uq")) throw conflict();
                log.debug("lost the race to create a {} conversation, attempt {}", candidate.type().wire(), attempt);
                Jdbc.backOff(attempt); // the winner may not have committed yet
            }
        }
        throw conflict();
    }

    @Override
    public Optional<Conversation> findById(ConversationId id) {
        return jdbc.read(c -> find(c, "c.id = ?", id.value()));
    }

    @Override
    public Optional<Conversation> findDirect(ConversationType type, UserId a, UserId b) {
        if (a.equals(b)) return Optional.empty();
        return jdbc.read(c -> findByPairKey(c, pairKey(type, a, b)));
    }

    @Override
    public List<UserId> contactsOf(UserId user) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT other.user_id"
                    + " FROM conversation_participants mine JOIN conversation_participants other"
                    + " ON other.conversation_id = mine.conversation_id"
                    + " WHERE mine.user_id = ? AND other.user_id <> ?")) {
                ps.setString(1, user.value());
                ps.setString(2, user.value());
                List<UserId> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) result.add(new UserId(rs.getString(1)));
                }
                return result;
            }
        });
    }

    @Override
    public boolean isParticipant(ConversationId id, UserId user) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM conversation_participants WHERE conversation_id = ? AND user_id = ?")) {
                ps.setString(1, id.value());
                ps.setString(2, user.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * One round trip reserves the seq (and takes the conversation's row lock), one inserts. A retry
     * is not looked for first: the unique client key refuses it, the transaction rolls back (seq
     * included) and the original is read, which is rare enough to cost a second transaction.
     */
    @Override
    public Appended append(NewMessage message) {
        try {
            return jdbc.inTransaction(c -> {
                long seq = reserveSeqs(c, message.conversationId(), 1, message.createdAt());
                Message stored = new Message(message.id(), message.conversationId(), seq, message.senderId(),
                        message.text(), message.kind(), message.clientKey(), message.createdAt(), null);
                insert(c, stored);
                return new Appended(stored, false);
            });
        } catch (DuplicateKeyException e) {
            if (message.clientKey() != null && e.violates("messages_client_key_uq")) {
                log.debug("retried send in conversation {}", message.conversationId());
                return jdbc.read(c -> findByClientKey(c, message))
                        .map(original -> new Appended(original, true))
                        .orElseThrow(JdbcConversationStore::conflict);
            }
            throw conflict();
        }
    }

    @Override
    public List<Message> before(ConversationId id, long beforeSeq, int limit) {
        return messages("m.seq < ? ORDER BY m.seq DESC", id, beforeSeq, limit);
    }

    @Override
    public List<Message> after(ConversationId id, long afterSeq, int limit) {
        return messages("m.seq > ? ORDER BY m.seq ASC", id, afterSeq, limit);
    }

    @Override
    public Page<ConversationSummary> summaries(UserId user, String cursor, int limit) {
        return summaries.page(user, cursor, limit);
    }

    @Override
    public ReadReceipt markRead(ConversationId id, UserId user, long uptoSeq, Instant at) {
        return readState.markRead(id, user, uptoSeq, at);
    }

    @Override
    public Map<ConversationId, Long> unreadCounts(UserId user) {
        return readState.unreadCounts(user);
    }

    /**
     * The unique key of a direct conversation: its type and the two ids in a fixed order, each
     * length-prefixed because ids are arbitrary strings that may contain any separator.
     */
    static String pairKey(ConversationType type, UserId a, UserId b) {
        String first = a.value().compareTo(b.value()) <= 0 ? a.value() : b.value();
        String second = first.equals(a.value()) ? b.value() : a.value();
        return type.wire() + ':' + first.length() + ':' + first + ':' + second;
    }

    /**
     * Moves the conversation's last seq on by {@code count} and returns the new last seq: the caller
     * owns the {@code count} seqs up to it. Takes the conversation's row lock until commit; see the
     * class comment.
     */
    private long reserveSeqs(Connection c, ConversationId id, int count, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(reserveSeqs)) {
            ps.setInt(1, count);
            Rows.setInstant(ps, 2, at);
            ps.setString(3, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw conversationNotFound();
                return rs.getLong(1);
            }
        }
    }

    static long lastSeq(Connection c, ConversationId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_seq FROM conversations WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw conversationNotFound();
                return rs.getLong(1);
            }
        }
    }

    private static void insert(Connection c, Message m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (id, conversation_id, seq, sender_id,"
                + " kind, text, client_key, created_at, edited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, m.id().value());
            ps.setString(2, m.conversationId().value());
            ps.setLong(3, m.seq());
            ps.setString(4, m.senderId().value());
            ps.setString(5, m.kind().wire());
            ps.setString(6, m.text());
            ps.setString(7, m.clientKey());
            Rows.setInstant(ps, 8, m.createdAt());
            Rows.setInstant(ps, 9, m.editedAt());
            ps.executeUpdate();
        }
    }

    private static Optional<Message> findByClientKey(Connection c, NewMessage m) throws SQLException {
        if (m.clientKey() == null) return Optional.empty();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages m"
                + " WHERE m.conversation_id = ? AND m.sender_id = ? AND m.client_key = ?")) {
            ps.setString(1, m.conversationId().value());
            ps.setString(2, m.senderId().value());
            ps.setString(3, m.clientKey());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Rows.message(rs)) : Optional.empty();
            }
        }
    }

    private List<Message> messages(String condition, ConversationId id, long seq, int limit) {
        String sql = "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages m WHERE m.conversation_id = ? AND "
                + condition + " LIMIT ?";
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id.value());
                ps.setLong(2, seq);
                ps.setInt(3, limit);
                List<Message> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) result.add(Rows.message(rs));
                }
                return result;
            }
        });
    }

    private static Optional<Conversation> findByPairKey(Connection c, String pairKey) throws SQLException {
        return find(c, "c.pair_key = ?", pairKey);
    }

    private static Optional<Conversation> find(Connection c, String condition, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.type, c.created_at, c.updated_at, c.last_seq"
                + " FROM conversations c WHERE " + condition)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                ConversationId id = new ConversationId(rs.getString("id"));
                return Optional.of(new Conversation(id, ConversationType.fromWire(rs.getString("type")),
                        participants(c, id), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"),
                        rs.getLong("last_seq")));
            }
        }
    }

    private static List<UserId> participants(Connection c, ConversationId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_id FROM conversation_participants WHERE conversation_id = ? ORDER BY joined_at, user_id")) {
            ps.setString(1, id.value());
            List<UserId> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) result.add(new UserId(rs.getString(1)));
            }
            return result;
        }
    }

    private static void insert(Connection c, Conversation conversation, String pairKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversations (id, type, pair_key, created_at,"
                + " updated_at, last_seq) VALUES (?, ?, ?, ?, ?, 0)")) {
            ps.setString(1, conversation.id().value());
            ps.setString(2, conversation.type().wire());
            ps.setString(3, pairKey);
            Rows.setInstant(ps, 4, conversation.createdAt());
            Rows.setInstant(ps, 5, conversation.updatedAt());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversation_participants (conversation_id,"
                + " user_id, last_read_seq, joined_at) VALUES (?, ?, 0, ?)")) {
            for (UserId user : conversation.participants()) {
                ps.setString(1, conversation.id().value());
                ps.setString(2, user.value());
                Rows.setInstant(ps, 3, conversation.createdAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static SwitchboardException conversationNotFound() {
        return SwitchboardException.notFound(ErrorCode.CONVERSATION_NOT_FOUND, "conversation");
    }

    private static SwitchboardException conflict() {
        return new SwitchboardException(ErrorCode.CONFLICT);
    }
}
