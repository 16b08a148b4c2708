package dev.switchboard.jdbc;

import dev.switchboard.common.Page;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.TicketFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filtered list of support chats (C9), latest activity first (the conversation's: creation or
 * latest message), keyed by (activity, id) for cursor paging. Text search looks at subject, customer
 * name and e-mail, and message text — notes only for staff. Where messages are rows it is one query per
 * page; where they live in the {@link RocksMessageStore}, the database reads the chats in chunks, telling
 * for each whether its own fields match, and the store is asked about the messages of those that do not.
 */
final class SupportChatList {
    private static final int CHUNK = 200;

    private final Jdbc jdbc;

    SupportChatList(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Page<SupportChat> page(TicketFilter f, UserId viewer, String cursor, int limit) {
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        String text = f.text() == null || f.text().isBlank() ? null : f.text().strip().toLowerCase(Locale.ROOT);
        return jdbc.read(c -> {
            boolean withNotes = Rows.seesNotes(c, viewer);
            RocksMessageStore store = jdbc.messageStore();
            List<Item> items = new ArrayList<>();
            if (store == null || text == null) {
                items = query(c, f, text, withNotes, store == null, after, limit + 1);
            } else {
                PageCursor from = after;
                while (items.size() <= limit) {
                    List<Item> chunk = query(c, f, text, withNotes, false, from, CHUNK);
                    for (Item item : chunk) {
                        if (items.size() <= limit && (item.fieldsMatch || mentions(store, item, text, withNotes))) {
                            items.add(item);
                        }
                    }
                    if (chunk.size() < CHUNK) break;
                    Item last = chunk.getLast();
                    from = new PageCursor(last.activity, last.chat.id().value());
                }
            }
            List<SupportChat> chats = items.stream().map(Item::chat).toList();
            if (items.size() <= limit) return new Page<>(chats, null);
            Item last = items.get(limit - 1);
            return new Page<>(chats.subList(0, limit), new PageCursor(last.activity, last.chat.id().value()).encode());
        });
    }

    /** A chat, its activity time, and whether its subject or customer matched the search text. */
    private record Item(SupportChat chat, Instant activity, boolean fieldsMatch) {}

    /**
     * One chunk of the list. With {@code text}, messages are searched here only if {@code searchMessages}
     * (messages are rows); otherwise every chat passing the other filters comes back, each telling
     * whether its own fields matched.
     */
    private static List<Item> query(Connection c, TicketFilter f, String text, boolean withNotes,
            boolean searchMessages, PageCursor after, int limit) throws SQLException {
        List<Object> args = new ArrayList<>();
        String like = text == null ? null : "%" + escape(text) + "%";
        String fields = "(LOWER(s.subject) LIKE ? ESCAPE '\\' OR LOWER(cu.name) LIKE ? ESCAPE '\\'"
                + " OR LOWER(COALESCE(cu.email, '')) LIKE ? ESCAPE '\\')";
        StringBuilder sql = new StringBuilder("SELECT " + JdbcSupportChatStore.COLUMNS + ", c.updated_at AS activity");
        if (text != null && !searchMessages) {
            sql.append(", CASE WHEN ").append(fields).append(" THEN 1 ELSE 0 END AS fields_match");
            for (int i = 0; i < 3; i++) args.add(like);
        }
        sql.append(" FROM support_chats s JOIN conversations c ON c.id = s.conversation_id"
                + " JOIN users cu ON cu.id = s.customer_id WHERE 1 = 1");
        if (f.status() != null) add(sql, args, " AND s.status = ?", f.status().wire());
        if (f.priority() != null) add(sql, args, " AND s.priority = ?", f.priority().wire());
        if (f.unassigned()) sql.append(" AND s.assignee_id IS NULL");
        else if (f.assignee() != null) add(sql, args, " AND s.assignee_id = ?", f.assignee().value());
        if (f.customer() != null) add(sql, args, " AND s.customer_id = ?", f.customer().value());
        if (text != null && searchMessages) {
            sql.append(" AND (").append(fields).append(" OR EXISTS (SELECT 1 FROM messages m"
                    + " WHERE m.conversation_id = s.conversation_id AND m.deleted_at IS NULL"
                    + Rows.visibleTo(withNotes, "m") + " AND LOWER(m.text) LIKE ? ESCAPE '\\'))");
            for (int i = 0; i < 4; i++) args.add(like);
        }
        if (after != null) {
            sql.append(" AND (c.updated_at < ? OR (c.updated_at = ? AND s.conversation_id < ?))");
            args.add(after.at());
            args.add(after.at());
            args.add(after.id());
        }
        sql.append(" ORDER BY c.updated_at DESC, s.conversation_id DESC LIMIT ?");
        args.add(limit);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                Object arg = args.get(i);
                if (arg instanceof Instant at) Rows.setInstant(ps, i + 1, at);
                else if (arg instanceof Integer n) ps.setInt(i + 1, n);
                else ps.setString(i + 1, (String) arg);
            }
            List<Item> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean fieldsMatch = text == null || searchMessages || rs.getInt("fields_match") == 1;
                    items.add(new Item(JdbcSupportChatStore.chat(rs), Rows.instant(rs, "activity"), fieldsMatch));
                }
            }
            return items;
        }
    }

    /** Whether a message of the chat that is not deleted, and visible to the viewer, contains {@code text}. */
    private static boolean mentions(RocksMessageStore store, Item item, String text, boolean withNotes) {
        return store.anyMessage(item.chat.id(), m -> !m.isDeleted() && (withNotes || m.visibility() == Visibility.ALL)
                && m.text().toLowerCase(Locale.ROOT).contains(text));
    }

    private static void add(StringBuilder sql, List<Object> args, String condition, Object arg) {
        sql.append(condition);
        args.add(arg);
    }

    /** LIKE wildcards in what people type are taken literally. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
