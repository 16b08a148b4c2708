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
import dev.switchboard.conversation.MessageId;
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
 * {@link ConversationStore} on the shared {@link Database}. On the embedded database messages are
 * acknowledged once in the journal and stored in H2 behind ({@link MessageWriteBehind}); on PostgreSQL
 * by {@link MessageAppender}, by default through {@link GroupCommit}: concurrent sends share
 * transactions, and each is acknowledged only after the commit that stored it.
 */
public final class JdbcConversationStore implements ConversationStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JdbcConversationStore.class);
    private static final int CREATE_ATTEMPTS = 10;

    /** Most messages in one group-commit transaction. */
    static final int MAX_BATCH = 256;

    private final Jdbc jdbc;
    private final MessageWriteBehind messages; // embedded
    private final MessageAppender appender; // PostgreSQL; null on the embedded database
    private final GroupCommit<NewMessage, Appended> groupCommit;
    private final ConversationSummaries summaries;
    private final ReadState readState;

    /** On PostgreSQL with group commit over two writers. */
    public JdbcConversationStore(Database database) {
        this(database, 2);
    }

    /**
     * @param appendWriters PostgreSQL's group-commit writer threads (messages are sharded by conversation);
     *                      0 for none: each append is its own transaction on the caller's thread. The
     *                      embedded database has its own path and ignores this.
     */
    public JdbcConversationStore(Database database, int appendWriters) {
        if (appendWriters < 0) throw new IllegalArgumentException("appendWriters must be >= 0");
        this.jdbc = database.jdbc();
        this.messages = database.messages();
        this.appender = messages != null ? null : new MessageAppender(jdbc, database.embedded());
        this.groupCommit = appender == null || appendWriters == 0 ? null : new GroupCommit<>("switchboard-append",
                appendWriters, MAX_BATCH, m -> m.conversationId().value().hashCode(), appender);
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
        long countersDropped = messages == null ? 0 : messages.countersDropped(); // before the insert
        // Racing creators: one insert wins the unique pair key; the others read the winner's row. Neither
        // whether it exists nor creating it waits for messages not yet in H2 (none can be in a conversation
        // that does not exist): a burst of new conversations does not make the applier store every few
        // messages on their own. Only an existing one's last seq does.
        for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
            if (jdbc.readNow(c -> pairKeyTaken(c, pairKey))) {
                Optional<Conversation> existing = jdbc.read(c -> findByPairKey(c, pairKey));
                if (existing.isPresent()) return existing.get();
            }
            try {
                Conversation created = jdbc.inJournaledTransaction(c -> {
                    insert(c, candidate, pairKey);
                    return findByPairKey(c, pairKey).orElseThrow();
                });
                jdbc.checkpoint();
                if (messages != null) messages.created(created.id(), countersDropped);
                return created;
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
    public boolean isDirect(ConversationId id) {
        // a conversation's pair key never changes, and messages not yet in H2 do not touch it
        return jdbc.readNow(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pair_key FROM conversations WHERE id = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getString(1) != null;
                }
            }
        });
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
     * Embedded: journal first, H2 behind ({@link MessageWriteBehind}). PostgreSQL: through group commit
     * when enabled ({@link GroupCommit}, {@link MessageAppender}).
     */
    @Override
    public Appended append(NewMessage message) {
        if (messages != null) return messages.append(message);
        return groupCommit == null ? appender.writeOne(message) : groupCommit.submit(message);
    }

    /** Only the embedded database's journal stores without waiting; a commit always waits. */
    @Override
    public Optional<Appended> appendNow(NewMessage message) {
        return messages != null ? messages.appendNow(message) : Optional.empty();
    }

    @Override
    public boolean appendsNow() {
        return messages != null;
    }

    /** Stops the group-commit writers after what is queued; call before closing the database. */
    @Override
    public void close() {
        if (groupCommit != null) groupCommit.close();
    }

    @Override
    public List<Message> before(ConversationId id, UserId viewer, long beforeSeq, int limit) {
        return messages(false, id, viewer, beforeSeq, limit);
    }

    @Override
    public List<Message> after(ConversationId id, UserId viewer, long afterSeq, int limit) {
        return messages(true, id, viewer, afterSeq, limit);
    }

    @Override
    public Optional<Message> findMessage(ConversationId id, MessageId messageId) {
        return jdbc.read(c -> message(c, id, messageId));
    }

    @Override
    public Optional<Message> editMessage(ConversationId id, MessageId messageId, String text, Instant at) {
        return changeMessage(false, id, messageId, text, at);
    }

    @Override
    public Optional<Message> deleteMessage(ConversationId id, MessageId messageId, Instant at) {
        // The text goes (a deleted message says nothing any more); the row and its seq stay.
        return changeMessage(true, id, messageId, "", at);
    }

    /** Edits a message (new text, edited at {@code at}) or deletes it (no text, deleted at {@code at}). */
    private Optional<Message> changeMessage(boolean delete, ConversationId id, MessageId messageId, String text,
            Instant at) {
        RocksMessageStore store = jdbc.messageStore();
        if (store != null) {
            return jdbc.read(c -> {
                return Attachments.attach(c, store.change(id, messageId, m -> new Message(m.id(), m.conversationId(),
                        m.seq(), m.senderId(), text, m.kind(), m.clientKey(), m.createdAt(),
                        delete ? m.editedAt() : at, m.visibility(), delete ? at : null)));
            });
        }
        return jdbc.inTransaction(c -> {
            String set = delete ? "text = ?, deleted_at = ?" : "text = ?, edited_at = ?";
            try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET " + set
                    + " WHERE conversation_id = ? AND id = ? AND deleted_at IS NULL")) {
                ps.setString(1, text);
                Rows.setInstant(ps, 2, at);
                ps.setString(3, id.value());
                ps.setString(4, messageId.value());
                if (ps.executeUpdate() == 0) return Optional.<Message>empty();
            }
            return message(c, id, messageId);
        });
    }

    private Optional<Message> message(Connection c, ConversationId id, MessageId messageId) throws SQLException {
        RocksMessageStore store = jdbc.messageStore();
        if (store != null) return Attachments.attach(c, store.find(id, messageId));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                + " FROM messages m WHERE m.conversation_id = ? AND m.id = ?")) {
            ps.setString(1, id.value());
            ps.setString(2, messageId.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                Message m = Rows.message(rs);
                return Optional.of(Attachments.attach(c, List.of(m)).getFirst());
            }
        }
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

    static long lastSeq(Connection c, ConversationId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_seq FROM conversations WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw conversationNotFound();
                return rs.getLong(1);
            }
        }
    }

    /** A page of messages after {@code seq} (oldest first) or before it (newest first). */
    private List<Message> messages(boolean after, ConversationId id, UserId viewer, long seq, int limit) {
        return jdbc.read(c -> {
            boolean withNotes = Rows.seesNotes(c, viewer);
            RocksMessageStore store = jdbc.messageStore();
            if (store != null) {
                return Attachments.attach(c, after ? store.after(id, seq, limit, withNotes)
                        : store.before(id, seq, limit, withNotes));
            }
            String condition = after ? "m.seq > ?%s ORDER BY m.seq ASC" : "m.seq < ?%s ORDER BY m.seq DESC";
            String sql = "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages m WHERE m.conversation_id = ? AND "
                    + condition.formatted(Rows.visibleTo(withNotes, "m")) + " LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id.value());
                ps.setLong(2, seq);
                ps.setInt(3, limit);
                List<Message> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) result.add(Rows.message(rs));
                }
                return Attachments.attach(c, result);
            }
        });
    }

    /** Whether a conversation has this pair key: one indexed lookup, without its participants. */
    private static boolean pairKeyTaken(Connection c, String pairKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM conversations WHERE pair_key = ?")) {
            ps.setString(1, pairKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
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
