package dev.switchboard.jdbc;

import dev.switchboard.conversation.ConversationId;
import dev.switchboard.conversation.Visibility;
import dev.switchboard.identity.UserId;
import dev.switchboard.support.TicketStats;
import dev.switchboard.support.TicketStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@link TicketStats} by SQL that H2 (PostgreSQL mode) and PostgreSQL both run: aggregates only,
 * percentiles with {@code PERCENTILE_CONT ... WITHIN GROUP}, durations as differences of epoch
 * seconds, days in UTC. Nothing but the aggregated rows leaves the database.
 */
final class SupportStats {
    private static final String IN_RANGE = " s.created_at >= ? AND s.created_at < ?";
    private static final String DURATIONS = "SELECT COUNT(*) AS n,"
            + " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY d) AS median,"
            + " PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY d) AS p90"
            + " FROM (SELECT EXTRACT(EPOCH FROM s.%1$s) - EXTRACT(EPOCH FROM s.created_at) AS d"
            + " FROM support_chats s WHERE s.%1$s IS NOT NULL AND" + IN_RANGE + ") t";

    private final Jdbc jdbc;

    SupportStats(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    TicketStats stats(Instant from, Instant to) {
        return jdbc.read(c -> {
            RocksMessageStore store = jdbc.messageStore();
            long[] counts = store == null ? counts(c, from, to) : countsInStore(c, store, from, to);
            return new TicketStats(from, to, counts[0], counts[1], counts[2], perDay(c, from, to),
                    durations(c, "first_response_at", from, to), durations(c, "resolved_at", from, to),
                    statuses(c, from, to), workload(c));
        });
    }

    /** chats, visible messages, notes. */
    private static long[] counts(Connection c, Instant from, Instant to) throws SQLException {
        String sql = "SELECT (SELECT COUNT(*) FROM support_chats s WHERE" + IN_RANGE + "),"
                + " (SELECT COUNT(*) FROM support_chats s JOIN messages m ON m.conversation_id = s.conversation_id"
                + " WHERE" + IN_RANGE + " AND m.visibility = 'all' AND m.deleted_at IS NULL),"
                + " (SELECT COUNT(*) FROM support_chats s JOIN messages m ON m.conversation_id = s.conversation_id"
                + " WHERE" + IN_RANGE + " AND m.visibility = 'staff' AND m.deleted_at IS NULL)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < 3; i++) range(ps, 1 + 2 * i, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    /** {@link #counts} where messages live in the store: the chats in range from here, their messages there. */
    private static long[] countsInStore(Connection c, RocksMessageStore store, Instant from, Instant to)
            throws SQLException {
        long[] counts = new long[3];
        try (PreparedStatement ps = c.prepareStatement("SELECT s.conversation_id FROM support_chats s WHERE" + IN_RANGE)) {
            range(ps, 1, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ConversationId id = new ConversationId(rs.getString(1));
                    counts[0]++;
                    store.eachHead(id, 0, m -> {
                        if (!m.deleted()) counts[m.visibility() == Visibility.STAFF ? 2 : 1]++;
                    });
                }
            }
        }
        return counts;
    }

    private static List<TicketStats.DayCount> perDay(Connection c, Instant from, Instant to) throws SQLException {
        String day = "CAST(s.created_at AT TIME ZONE 'UTC' AS DATE)";
        try (PreparedStatement ps = c.prepareStatement("SELECT " + day + " AS created_day, COUNT(*) FROM support_chats s"
                + " WHERE" + IN_RANGE + " GROUP BY " + day + " ORDER BY created_day")) {
            range(ps, 1, from, to);
            List<TicketStats.DayCount> days = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) days.add(new TicketStats.DayCount(rs.getObject(1, LocalDate.class), rs.getLong(2)));
            }
            return days;
        }
    }

    private static TicketStats.Durations durations(Connection c, String column, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DURATIONS.formatted(column))) {
            range(ps, 1, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong("n");
                return new TicketStats.Durations(n, n == 0 ? null : millis(rs.getDouble("median")),
                        n == 0 ? null : millis(rs.getDouble("p90")));
            }
        }
    }

    private static Map<TicketStatus, Long> statuses(Connection c, Instant from, Instant to) throws SQLException {
        Map<TicketStatus, Long> result = new EnumMap<>(TicketStatus.class);
        for (TicketStatus s : TicketStatus.values()) result.put(s, 0L);
        try (PreparedStatement ps = c.prepareStatement("SELECT s.status, COUNT(*) FROM support_chats s WHERE"
                + IN_RANGE + " GROUP BY s.status")) {
            range(ps, 1, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) result.put(TicketStatus.fromWire(rs.getString(1)), rs.getLong(2));
            }
        }
        return result;
    }

    private static List<TicketStats.Workload> workload(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.assignee_id, u.name,"
                + " SUM(CASE WHEN s.status = 'open' THEN 1 ELSE 0 END) AS open_chats,"
                + " SUM(CASE WHEN s.status = 'in_progress' THEN 1 ELSE 0 END) AS in_progress_chats"
                + " FROM support_chats s JOIN users u ON u.id = s.assignee_id"
                + " WHERE s.status IN ('open', 'in_progress') GROUP BY s.assignee_id, u.name"
                + " ORDER BY COUNT(*) DESC, s.assignee_id")) {
            List<TicketStats.Workload> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new TicketStats.Workload(new UserId(rs.getString(1)), rs.getString(2), rs.getLong(3),
                            rs.getLong(4)));
                }
            }
            return result;
        }
    }

    /** Seconds to the millisecond: the databases' floating-point interpolation differs in the last bits. */
    private static double millis(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static void range(PreparedStatement ps, int first, Instant from, Instant to) throws SQLException {
        Rows.setInstant(ps, first, from);
        Rows.setInstant(ps, first + 1, to);
    }
}
