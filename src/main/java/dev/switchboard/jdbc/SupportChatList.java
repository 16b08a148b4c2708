package dev.switchboard.jdbc;

import dev.switchboard.common.Page;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.SupportChat;
import dev.switchboard.support.TicketFilter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filtered list of support chats (C9), latest activity first (the conversation's: creation or
 * latest message), keyed by (activity, id) for cursor paging. One query per page; text search runs
 * in the database over subject, customer name and e-mail, and message text — notes only for staff.
 */
final class SupportChatList {
    private final Jdbc jdbc;

    SupportChatList(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Page<SupportChat> page(TicketFilter f, UserId viewer, String cursor, int limit) {
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        return jdbc.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + JdbcSupportChatStore.COLUMNS + ", c.updated_at AS activity"
                    + " FROM support_chats s JOIN conversations c ON c.id = s.conversation_id"
                    + " JOIN users cu ON cu.id = s.customer_id WHERE 1 = 1");
            List<Object> args = new ArrayList<>();
            if (f.status() != null) add(sql, args, " AND s.status = ?", f.status().wire());
            if (f.priority() != null) add(sql, args, " AND s.priority = ?", f.priority().wire());
            if (f.unassigned()) sql.append(" AND s.assignee_id IS NULL");
            else if (f.assignee() != null) add(sql, args, " AND s.assignee_id = ?", f.assignee().value());
            if (f.customer() != null) add(sql, args, " AND s.customer_id = ?", f.customer().value());
            if (f.text() != null && !f.text().isBlank()) {
                String like = "%" + escape(f.text().strip().toLowerCase(Locale.ROOT)) + "%";
                sql.append(" AND (LOWER(s.subject) LIKE ? ESCAPE '\\' OR LOWER(cu.name) LIKE ? ESCAPE '\\'"
                        + " OR LOWER(COALESCE(cu.email, '')) LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM messages m"
                        + " WHERE m.conversation_id = s.conversation_id AND m.deleted_at IS NULL"
                        + Rows.visibleTo(Rows.seesNotes(c, viewer), "m") + " AND LOWER(m.text) LIKE ? ESCAPE '\\'))");
                for (int i = 0; i < 4; i++) args.add(like);
            }
            if (after != null) {
                sql.append(" AND (c.updated_at < ? OR (c.updated_at = ? AND s.conversation_id < ?))");
                args.add(after.at());
                args.add(after.at());
                args.add(after.id());
            }
            sql.append(" ORDER BY c.updated_at DESC, s.conversation_id DESC LIMIT ?");
            args.add(limit + 1);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    Object arg = args.get(i);
                    if (arg instanceof java.time.Instant at) Rows.setInstant(ps, i + 1, at);
                    else if (arg instanceof Integer n) ps.setInt(i + 1, n);
                    else ps.setString(i + 1, (String) arg);
                }
                List<SupportChat> items = new ArrayList<>();
                List<java.time.Instant> activity = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(JdbcSupportChatStore.chat(rs));
                        activity.add(Rows.instant(rs, "activity"));
                    }
                }
                if (items.size() <= limit) return new Page<>(items, null);
                SupportChat last = items.get(limit - 1);
                return new Page<>(items.subList(0, limit),
                        new PageCursor(activity.get(limit - 1), last.id().value()).encode());
            }
        });
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
