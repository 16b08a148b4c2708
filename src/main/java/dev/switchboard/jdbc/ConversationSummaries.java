package dev.switchboard.jdbc;

import dev.switchboard.common.Page;
import dev.switchboard.conversation.Conversation;
import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.ConversationSummary;
import dev.switchboard.conversation.ConversationType;
import dev.switchboard.conversation.Message;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's conversation list, newest activity first, in two queries per page: the conversations with
 * their last message and the user's unread count, then everyone taking part in them. Pages are keyed
 * by (updated_at, id), packed into an opaque cursor.
 */
final class ConversationSummaries {
    private static final String PAGE = "SELECT c.id AS c_id, c.type AS c_type, c.created_at AS c_created_at,"
            + " c.updated_at AS c_updated_at, %1$s AS c_last_seq, " + Rows.MESSAGE_COLUMNS + ","
            + " (SELECT COUNT(*) FROM messages n WHERE n.conversation_id = c.id AND n.seq > p.last_read_seq"
            + " AND n.sender_id <> p.user_id%2$s) AS unread"
            + " FROM conversation_participants p JOIN conversations c ON c.id = p.conversation_id"
            + " LEFT JOIN messages m ON m.conversation_id = c.id AND m.seq = %1$s"
            + " WHERE p.user_id = ? %3$s ORDER BY c.updated_at DESC, c.id DESC LIMIT ?";
    // For viewers who may not see notes, the last message and last seq are the last visible ones.
    private static final String LAST_VISIBLE_SEQ = "COALESCE((SELECT MAX(v.seq) FROM messages v"
            + " WHERE v.conversation_id = c.id AND v.visibility = 'all'), 0)";
    private static final String PAGE_WITHOUT_MESSAGES = "SELECT c.id AS c_id, c.type AS c_type, c.created_at AS c_created_at,"
            + " c.updated_at AS c_updated_at, c.last_seq AS c_last_seq, p.last_read_seq AS p_last_read_seq"
            + " FROM conversation_participants p JOIN conversations c ON c.id = p.conversation_id"
            + " WHERE p.user_id = ? %1$s ORDER BY c.updated_at DESC, c.id DESC LIMIT ?";
    private static final String AFTER_CURSOR = "AND (c.updated_at < ? OR (c.updated_at = ? AND c.id < ?))";

    private final Jdbc jdbc;

    ConversationSummaries(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Page<ConversationSummary> page(UserId user, String cursor, int limit) {
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        return jdbc.read(c -> {
            List<Row> rows = rows(c, user, after, limit + 1);
            boolean more = rows.size() > limit;
            if (more) rows = rows.subList(0, limit);
            Map<ConversationId, List<User>> people = participants(c, rows);
            List<ConversationSummary> items = new ArrayList<>();
            for (Row row : rows) {
                List<User> all = people.getOrDefault(row.id, List.of());
                Conversation conversation = new Conversation(row.id, row.type, all.stream().map(User::id).toList(),
                        row.createdAt, row.updatedAt, row.lastSeq);
                List<User> others = all.stream().filter(u -> !u.id().equals(user)).toList();
                items.add(new ConversationSummary(conversation, others, row.lastMessage, row.unread));
            }
            String next = more ? new PageCursor(rows.getLast().updatedAt, rows.getLast().id.value()).encode() : null;
            return new Page<>(items, next);
        });
    }

    private List<Row> rows(Connection c, UserId user, PageCursor after, int limit) throws SQLException {
        boolean seesNotes = Rows.seesNotes(c, user);
        RocksMessageStore store = jdbc.messageStore();
        if (store != null) return rowsWithStoredMessages(c, store, user, seesNotes, after, limit);
        String sql = PAGE.formatted(seesNotes ? "c.last_seq" : LAST_VISIBLE_SEQ, Rows.visibleTo(seesNotes, "n"),
                after == null ? "" : AFTER_CURSOR);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, user, after, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Message last = rs.getString("m_id") == null ? null : Rows.message(rs);
                    rows.add(new Row(new ConversationId(rs.getString("c_id")),
                            ConversationType.fromWire(rs.getString("c_type")), Rows.instant(rs, "c_created_at"),
                            Rows.instant(rs, "c_updated_at"), rs.getLong("c_last_seq"), last, rs.getLong("unread")));
                }
            }
            return rows;
        }
    }

    /** {@link #rows} where messages are not rows: the conversations in SQL, their last message and unread count from the store. */
    private static List<Row> rowsWithStoredMessages(Connection c, RocksMessageStore store, UserId user, boolean seesNotes,
            PageCursor after, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PAGE_WITHOUT_MESSAGES.formatted(after == null ? "" : AFTER_CURSOR))) {
            bind(ps, user, after, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ConversationId id = new ConversationId(rs.getString("c_id"));
                    Message last = store.last(id, seesNotes).orElse(null);
                    long unread = store.unread(id, rs.getLong("p_last_read_seq"), user, seesNotes);
                    rows.add(new Row(id, ConversationType.fromWire(rs.getString("c_type")), Rows.instant(rs, "c_created_at"),
                            Rows.instant(rs, "c_updated_at"), seesNotes ? rs.getLong("c_last_seq") : last == null ? 0 : last.seq(),
                            last, unread));
                }
            }
            return rows;
        }
    }

    private static void bind(PreparedStatement ps, UserId user, PageCursor after, int limit) throws SQLException {
        int i = 1;
        ps.setString(i++, user.value());
        if (after != null) {
            Rows.setInstant(ps, i++, after.at());
            Rows.setInstant(ps, i++, after.at());
            ps.setString(i++, after.id());
        }
        ps.setInt(i, limit);
    }

    private static Map<ConversationId, List<User>> participants(Connection c, List<Row> rows) throws SQLException {
        Map<ConversationId, List<User>> result = new LinkedHashMap<>();
        if (rows.isEmpty()) return result;
        String sql = "SELECT p.conversation_id AS p_conversation_id, " + Rows.USER_COLUMNS
                + " FROM conversation_participants p JOIN users u ON u.id = p.user_id"
                + " WHERE p.conversation_id IN (" + Rows.placeholders(rows.size()) + ") ORDER BY p.joined_at, u.id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < rows.size(); i++) ps.setString(i + 1, rows.get(i).id.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(new ConversationId(rs.getString("p_conversation_id")), k -> new ArrayList<>())
                            .add(Rows.user(rs));
                }
            }
        }
        return result;
    }

    private record Row(
            ConversationId id, ConversationType type, Instant createdAt, Instant updatedAt, long lastSeq,
            Message lastMessage, long unread) {}
}
