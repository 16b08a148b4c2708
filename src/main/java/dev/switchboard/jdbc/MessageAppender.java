package dev.switchboard.jdbc;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationStore.Appended;
import dev.switchboard.conversation.ConversationStore.NewMessage;
import dev.switchboard.conversation.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores messages on PostgreSQL, alone or a batch in one transaction (for {@link GroupCommit}); every
 * commit there is durable. Seqs come from moving the conversation's {@code last_seq} on, which takes its
 * row lock until commit, so seqs have neither gaps nor duplicates. Retries are not looked for first: the
 * unique client key refuses one, its transaction rolls back (seq included) and the original is read;
 * that is rare. The embedded database stores messages through {@link MessageWriteBehind} instead.
 */
final class MessageAppender implements GroupCommit.Writer<NewMessage, Appended> {
    private static final Logger log = LoggerFactory.getLogger(MessageAppender.class);
    private static final String RESERVE_SEQS = "UPDATE conversations SET last_seq = last_seq + ?,"
            + " updated_at = GREATEST(updated_at, ?) WHERE id = ?";
    // Reserves and reads back in one round trip: PostgreSQL's RETURNING, H2's delta table.
    private static final String RESERVE_SEQS_POSTGRES = RESERVE_SEQS + " RETURNING last_seq";
    private static final String RESERVE_SEQS_H2 = "SELECT last_seq FROM FINAL TABLE (" + RESERVE_SEQS + ")";
    static final String INSERT = "INSERT INTO messages (id, conversation_id, seq, sender_id, kind, text,"
            + " client_key, created_at, edited_at, visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";


    private final Jdbc jdbc;
    private final String reserveSeqs;

    /** @param embedded H2's syntax for reading back the reserved seq (tests of this class run on both) */
    MessageAppender(Jdbc jdbc, boolean embedded) {
        this.jdbc = jdbc;
        this.reserveSeqs = embedded ? RESERVE_SEQS_H2 : RESERVE_SEQS_POSTGRES;
    }

    @Override
    public Appended writeOne(NewMessage message) {
        try {
            return jdbc.inTransaction(c -> {
                long seq = reserveOne(c, message.conversationId(), message.createdAt());
                Message stored = stored(message, seq);
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    bind(ps, stored);
                    ps.executeUpdate();
                }
                try (PreparedStatement counters = c.prepareStatement(SupportCounters.AFTER_APPEND)) {
                    if (SupportCounters.addAfterAppend(counters, stored)) counters.executeBatch();
                }
                return new Appended(stored, false);
            });
        } catch (DuplicateKeyException e) {
            if (message.clientKey() != null && e.violates("messages_client_key_uq")) {
                log.debug("retried send in conversation {}", message.conversationId());
                return jdbc.read(c -> findByClientKey(c, message))
                        .map(original -> new Appended(original, true))
                        .orElseThrow(MessageAppender::conflict);
            }
            throw conflict();
        }
    }

    /**
     * One transaction for the whole batch: a retry of a message earlier in the batch is answered with
     * that message; each conversation's seqs are reserved at once, in the batch's order; messages to a
     * conversation that does not exist fail alone; all the rest is inserted in one JDBC batch. A retry
     * of a message stored earlier makes the insert fail, and the batch is written again item by item.
     */
    @Override
    public List<GroupCommit.Outcome<Appended>> writeAll(List<NewMessage> items) {
        return jdbc.inTransactionOnce(c -> insertBatch(c, items));
    }

    /** The batch's statements, in its transaction. */
    private List<GroupCommit.Outcome<Appended>> insertBatch(Connection c, List<NewMessage> items) throws SQLException {
        List<GroupCommit.Outcome<Appended>> outcomes = new ArrayList<>(items.size());
        Map<RetryKey, Integer> firstWithKey = new HashMap<>();
        // Sorted, so that writers of different shards never wait on each other's row locks in turn.
        Map<ConversationId, List<Integer>> byConversation = new TreeMap<>(Comparator.comparing(ConversationId::value));
        for (int i = 0; i < items.size(); i++) {
            NewMessage m = items.get(i);
            outcomes.add(null);
            if (m.clientKey() != null && firstWithKey.putIfAbsent(RetryKey.of(m), i) != null) continue;
            byConversation.computeIfAbsent(m.conversationId(), id -> new ArrayList<>()).add(i);
        }
        List<Message> storedMessages = new ArrayList<>(items.size());
        try (PreparedStatement reserve = c.prepareStatement(reserveSeqs);
                PreparedStatement insert = c.prepareStatement(INSERT);
                PreparedStatement counters = c.prepareStatement(SupportCounters.AFTER_APPEND)) {
            for (Map.Entry<ConversationId, List<Integer>> entry : byConversation.entrySet()) {
                List<Integer> indexes = entry.getValue();
                Instant latest = indexes.stream().map(i -> items.get(i).createdAt())
                        .max(Instant::compareTo).orElseThrow();
                Optional<Long> last = reserve(reserve, entry.getKey(), indexes.size(), latest);
                for (int k = 0; k < indexes.size(); k++) {
                    int i = indexes.get(k);
                    if (last.isEmpty()) {
                        outcomes.set(i, GroupCommit.Outcome.failed(JdbcConversationStore.conversationNotFound()));
                        continue;
                    }
                    Message message = stored(items.get(i), last.get() - indexes.size() + 1 + k);
                    bind(insert, message);
                    insert.addBatch();
                    storedMessages.add(message);
                    outcomes.set(i, GroupCommit.Outcome.of(new Appended(message, false)));
                }
            }
            insert.executeBatch();
            // support chats' unread counters, one statement per conversation and sender (in the order above)
            if (SupportCounters.addAfterAppend(counters, storedMessages)) counters.executeBatch();
        }
        for (int i = 0; i < items.size(); i++) {
            if (outcomes.get(i) == null) {
                outcomes.set(i, asRetryOf(outcomes.get(firstWithKey.get(RetryKey.of(items.get(i))))));
            }
        }
        return outcomes;
    }

    private static GroupCommit.Outcome<Appended> asRetryOf(GroupCommit.Outcome<Appended> original) {
        if (original.error() != null) return original;
        return GroupCommit.Outcome.of(new Appended(original.value().message(), true));
    }

    private long reserveOne(Connection c, ConversationId id, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(reserveSeqs)) {
            return reserve(ps, id, 1, at).orElseThrow(JdbcConversationStore::conversationNotFound);
        }
    }

    /** Moves the conversation's last seq on by {@code count}: the new last seq, empty if there is no such conversation. */
    private static Optional<Long> reserve(PreparedStatement ps, ConversationId id, int count, Instant at)
            throws SQLException {
        ps.setInt(1, count);
        Rows.setInstant(ps, 2, at);
        ps.setString(3, id.value());
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    private static Message stored(NewMessage m, long seq) {
        return new Message(m.id(), m.conversationId(), seq, m.senderId(), m.text(), m.kind(), m.clientKey(),
                m.createdAt(), null, m.visibility(), null);
    }

    static void bind(PreparedStatement ps, Message m) throws SQLException {
        ps.setString(1, m.id().value());
        ps.setString(2, m.conversationId().value());
        ps.setLong(3, m.seq());
        ps.setString(4, m.senderId().value());
        ps.setString(5, m.kind().wire());
        ps.setString(6, m.text());
        ps.setString(7, m.clientKey());
        Rows.setInstant(ps, 8, m.createdAt());
        Rows.setInstant(ps, 9, m.editedAt());
        ps.setString(10, m.visibility().wire());
    }

    private static Optional<Message> findByClientKey(Connection c, NewMessage m) throws SQLException {
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

    private static SwitchboardException conflict() {
        return new SwitchboardException(ErrorCode.CONFLICT);
    }

    /** What makes two sends one message: the same client key from the same sender in the same conversation. */
    private record RetryKey(ConversationId conversationId, String senderId, String clientKey) {
        static RetryKey of(NewMessage m) {
            return new RetryKey(m.conversationId(), m.senderId().value(), m.clientKey());
        }
    }
}
