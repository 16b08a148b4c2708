package dev.switchboard.jdbc;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.Page;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationType;
import dev.switchboard.conversation.Message;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.Priority;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.SupportChatStore;
import dev.switchboard.support.TicketFilter;
import dev.switchboard.support.TicketStats;
import dev.switchboard.support.TicketStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link SupportChatStore} on the shared {@link Database}. "At most one chat that is not closed per
 * customer" has no unique index to lean on (the dialect we share with H2 has no partial indexes),
 * so every write that can create or revive a current chat first locks the customer's {@code users}
 * row: such writes for one customer run one after another, and each sees what the previous one did.
 * Assignment is one conditional update on the chat row, so two racing assigners cannot both win.
 */
public final class JdbcSupportChatStore implements SupportChatStore {
    static final String COLUMNS = "s.conversation_id, s.customer_id, s.assignee_id, s.department, s.subject,"
            + " s.priority, s.status, s.details, s.unread_by_staff, s.unread_by_customer, s.created_at, s.updated_at,"
            + " s.first_response_at, s.resolved_at, s.closed_at";

    private final Jdbc jdbc;
    private final SupportChatList list;
    private final SupportStats stats;

    public JdbcSupportChatStore(Database database) {
        this.jdbc = database.jdbc();
        this.list = new SupportChatList(jdbc);
        this.stats = new SupportStats(jdbc);
    }

    @Override
    public TicketStats stats(Instant from, Instant to) {
        return stats.stats(from, to);
    }

    @Override
    public Optional<SupportChat> update(ConversationId id, Priority priority, String subject, Instant at) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE support_chats SET priority = COALESCE(?, priority),"
                    + " subject = COALESCE(?, subject), updated_at = ? WHERE conversation_id = ?")) {
                ps.setString(1, priority == null ? null : priority.wire());
                ps.setString(2, subject);
                Rows.setInstant(ps, 3, at);
                ps.setString(4, id.value());
                if (ps.executeUpdate() == 0) return Optional.<SupportChat>empty();
            }
            return find(c, id);
        });
    }

    @Override
    public Page<SupportChat> list(TicketFilter filter, UserId viewer, String cursor, int limit) {
        return list.page(filter, viewer, cursor, limit);
    }

    @Override
    public Optional<Message> lastMessage(ConversationId id, boolean withNotes) {
        return jdbc.read(c -> {
            RocksMessageStore store = jdbc.messageStore();
            if (store != null) return store.last(id, withNotes);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages m"
                    + " WHERE m.conversation_id = ?" + Rows.visibleTo(withNotes, "m") + " ORDER BY m.seq DESC LIMIT 1")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.message(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public long staffLastReadSeq(ConversationId id, UserId customer) {
        return jdbc.read(c -> {
            RocksMessageStore store = jdbc.messageStore();
            if (store != null) return staffLastReadSeqInStore(c, store, id, customer);
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(p.last_read_seq), 0) AS staff_read,"
                    + " (SELECT COALESCE(MAX(m.seq), 0) FROM messages m WHERE m.conversation_id = ?"
                    + Rows.visibleTo(false, "m") + ") AS visible"
                    + " FROM conversation_participants p WHERE p.conversation_id = ? AND p.user_id <> ?")) {
                ps.setString(1, id.value());
                ps.setString(2, id.value());
                ps.setString(3, customer.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Math.min(rs.getLong("staff_read"), rs.getLong("visible")) : 0L;
                }
            }
        });
    }

    /** {@link #staffLastReadSeq} where messages live in the store: its last visible seq caps the staff's read position. */
    private static long staffLastReadSeqInStore(Connection c, RocksMessageStore store, ConversationId id, UserId customer)
            throws SQLException {
        long visible = store.last(id, false).map(Message::seq).orElse(0L);
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(p.last_read_seq), 0)"
                + " FROM conversation_participants p WHERE p.conversation_id = ? AND p.user_id <> ?")) {
            ps.setString(1, id.value());
            ps.setString(2, customer.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Math.min(rs.getLong(1), visible) : 0L;
            }
        }
    }

    @Override
    public SupportChat findOrCreateCurrent(NewSupportChat candidate) {
        return jdbc.inTransaction(c -> {
            lockCustomer(c, candidate.customer());
            Optional<SupportChat> current = current(c, candidate.customer());
            if (current.isPresent()) return current.get();
            ConversationId id = ConversationId.random();
            insertConversation(c, id, candidate);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO support_chats (conversation_id, customer_id,"
                    + " department, subject, priority, status, details, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, id.value());
                ps.setString(2, candidate.customer().value());
                ps.setString(3, candidate.department());
                ps.setString(4, candidate.subject());
                ps.setString(5, candidate.priority().wire());
                ps.setString(6, TicketStatus.OPEN.wire());
                ps.setString(7, candidate.details());
                Rows.setInstant(ps, 8, candidate.at());
                Rows.setInstant(ps, 9, candidate.at());
                ps.executeUpdate();
            }
            return find(c, id).orElseThrow();
        });
    }

    @Override
    public Optional<SupportChat> findById(ConversationId id) {
        return jdbc.read(c -> find(c, id));
    }

    @Override
    public Optional<Writers> writers(ConversationId id) {
        return jdbc.readNow(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT customer_id, assignee_id FROM support_chats WHERE conversation_id = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    String assignee = rs.getString("assignee_id");
                    return Optional.of(new Writers(new UserId(rs.getString("customer_id")),
                            assignee == null ? null : new UserId(assignee)));
                }
            }
        });
    }

    @Override
    public Optional<SupportChat> findCurrent(UserId customer) {
        return jdbc.read(c -> current(c, customer));
    }

    @Override
    public Optional<SupportChat> assign(ConversationId id, UserId expected, UserId assignee, Instant at) {
        return jdbc.inTransaction(c -> {
            String sql = "UPDATE support_chats SET assignee_id = ?, updated_at = ?,"
                    + " status = CASE WHEN status = 'open' THEN 'in_progress' ELSE status END"
                    + " WHERE conversation_id = ? AND " + (expected == null ? "assignee_id IS NULL" : "assignee_id = ?");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, assignee.value());
                Rows.setInstant(ps, 2, at);
                ps.setString(3, id.value());
                if (expected != null) ps.setString(4, expected.value());
                if (ps.executeUpdate() == 0) return Optional.<SupportChat>empty();
            }
            // The chat row is locked by the update, so no other assigner inserts this participant meanwhile.
            insertParticipant(c, id, assignee, at);
            return find(c, id);
        });
    }

    /**
     * Reviving a closed chat (to any other status) fails with CONFLICT when the customer already has
     * another chat that is not closed: there is at most one.
     */
    @Override
    public Optional<SupportChat> setStatus(ConversationId id, TicketStatus status, Instant at) {
        return jdbc.inTransaction(c -> {
            Optional<SupportChat> before = find(c, id);
            if (before.isEmpty()) return before;
            SupportChat chat = before.get();
            if (chat.status() == TicketStatus.CLOSED && status != TicketStatus.CLOSED) {
                lockCustomer(c, chat.customer());
                Optional<SupportChat> current = current(c, chat.customer());
                if (current.isPresent() && !current.get().id().equals(id)) {
                    throw new SwitchboardException(ErrorCode.CONFLICT,
                            "the customer has another support chat that is not closed");
                }
            }
            // resolved_at and closed_at say when it last got there; reopening clears both.
            String stamps = switch (status) {
                case OPEN, IN_PROGRESS -> "resolved_at = NULL, closed_at = NULL";
                case RESOLVED -> "resolved_at = ?, closed_at = NULL";
                case CLOSED -> "closed_at = ?, resolved_at = COALESCE(resolved_at, ?)";
            };
            try (PreparedStatement ps = c.prepareStatement("UPDATE support_chats SET status = ?, updated_at = ?, "
                    + stamps + " WHERE conversation_id = ?")) {
                int i = 1;
                ps.setString(i++, status.wire());
                Rows.setInstant(ps, i++, at);
                if (status == TicketStatus.RESOLVED) Rows.setInstant(ps, i++, at);
                if (status == TicketStatus.CLOSED) {
                    Rows.setInstant(ps, i++, at);
                    Rows.setInstant(ps, i++, at);
                }
                ps.setString(i, id.value());
                ps.executeUpdate();
            }
            return find(c, id);
        });
    }

    @Override
    public boolean addParticipant(ConversationId id, UserId user, Instant at) {
        try {
            return jdbc.inTransaction(c -> {
                if (find(c, id).isEmpty()) {
                    throw SwitchboardException.notFound(ErrorCode.CONVERSATION_NOT_FOUND, "support chat");
                }
                return insertParticipant(c, id, user, at);
            });
        } catch (DuplicateKeyException e) {
            return false; // a racing call added them first: fine
        }
    }

    private static boolean insertParticipant(Connection c, ConversationId id, UserId user, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversation_participants (conversation_id,"
                + " user_id, last_read_seq, joined_at) SELECT ?, ?, 0, ? WHERE NOT EXISTS (SELECT 1 FROM"
                + " conversation_participants WHERE conversation_id = ? AND user_id = ?)")) {
            ps.setString(1, id.value());
            ps.setString(2, user.value());
            Rows.setInstant(ps, 3, at);
            ps.setString(4, id.value());
            ps.setString(5, user.value());
            return ps.executeUpdate() > 0;
        }
    }

    /** Serializes writes that create or revive a customer's current chat. */
    private static void lockCustomer(Connection c, UserId customer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE id = ? FOR UPDATE")) {
            ps.setString(1, customer.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw SwitchboardException.notFound(ErrorCode.USER_NOT_FOUND, "user");
            }
        }
    }

    private static void insertConversation(Connection c, ConversationId id, NewSupportChat chat) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversations (id, type, pair_key, created_at,"
                + " updated_at, last_seq) VALUES (?, ?, NULL, ?, ?, 0)")) {
            ps.setString(1, id.value());
            ps.setString(2, ConversationType.CUSTOMER_SUPPORT.wire());
            Rows.setInstant(ps, 3, chat.at());
            Rows.setInstant(ps, 4, chat.at());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversation_participants (conversation_id,"
                + " user_id, last_read_seq, joined_at) VALUES (?, ?, 0, ?)")) {
            ps.setString(1, id.value());
            ps.setString(2, chat.customer().value());
            Rows.setInstant(ps, 3, chat.at());
            ps.executeUpdate();
        }
    }

    private static Optional<SupportChat> current(Connection c, UserId customer) throws SQLException {
        return one(c, "s.customer_id = ? AND s.status <> 'closed' ORDER BY s.created_at DESC", customer.value());
    }

    static Optional<SupportChat> find(Connection c, ConversationId id) throws SQLException {
        return one(c, "s.conversation_id = ?", id.value());
    }

    private static Optional<SupportChat> one(Connection c, String condition, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM support_chats s WHERE "
                + condition)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(chat(rs)) : Optional.empty();
            }
        }
    }

    static SupportChat chat(ResultSet rs) throws SQLException {
        String assignee = rs.getString("assignee_id");
        return new SupportChat(new ConversationId(rs.getString("conversation_id")),
                new UserId(rs.getString("customer_id")), assignee == null ? null : new UserId(assignee),
                rs.getString("department"), rs.getString("subject"), Priority.fromWire(rs.getString("priority")),
                TicketStatus.fromWire(rs.getString("status")), rs.getString("details"), rs.getLong("unread_by_staff"),
                rs.getLong("unread_by_customer"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"),
                Rows.instant(rs, "first_response_at"), Rows.instant(rs, "resolved_at"), Rows.instant(rs, "closed_at"));
    }
}
