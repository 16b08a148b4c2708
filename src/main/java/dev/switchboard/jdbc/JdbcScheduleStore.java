package dev.switchboard.jdbc;

import dev.switchboard.identity.UserId;
import dev.switchboard.routing.ScheduleStore;
import dev.switchboard.routing.Shift;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link ScheduleStore} on the shared {@link Database}: table {@code schedule_shifts}. */
public final class JdbcScheduleStore implements ScheduleStore {
    private static final String COLUMNS = "id, user_id, starts_at, ends_at, note";

    private final Jdbc jdbc;

    public JdbcScheduleStore(Database database) {
        this.jdbc = database.jdbc();
    }

    @Override
    public void replace(UserId agent, List<Shift> shifts, UserId updatedBy, Instant at) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM schedule_shifts WHERE user_id = ?")) {
                ps.setString(1, agent.value());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO schedule_shifts (" + COLUMNS
                    + ", updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Shift s : shifts) {
                    ps.setString(1, s.id());
                    ps.setString(2, agent.value());
                    Rows.setInstant(ps, 3, s.startsAt());
                    Rows.setInstant(ps, 4, s.endsAt());
                    ps.setString(5, s.note());
                    ps.setString(6, updatedBy.value());
                    Rows.setInstant(ps, 7, at);
                    ps.addBatch();
                }
                if (!shifts.isEmpty()) ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<Shift> shiftsOf(UserId agent) {
        return query("SELECT " + COLUMNS + " FROM schedule_shifts WHERE user_id = ? ORDER BY starts_at, id",
                ps -> ps.setString(1, agent.value()));
    }

    @Override
    public List<Shift> between(Instant from, Instant to) {
        return query("SELECT " + COLUMNS + " FROM schedule_shifts WHERE ends_at > ? AND starts_at < ?"
                + " ORDER BY starts_at, user_id, id", ps -> {
                    Rows.setInstant(ps, 1, from);
                    Rows.setInstant(ps, 2, to);
                });
    }

    @Override
    public boolean anyoneOnShift(Instant at) {
        return !query("SELECT " + COLUMNS + " FROM schedule_shifts WHERE starts_at <= ? AND ends_at > ?"
                + " FETCH FIRST 1 ROWS ONLY", ps -> {
                    Rows.setInstant(ps, 1, at);
                    Rows.setInstant(ps, 2, at);
                }).isEmpty();
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Shift> query(String sql, Binder binder) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                List<Shift> list = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(new Shift(rs.getString("id"), new UserId(rs.getString("user_id")),
                                Rows.instant(rs, "starts_at"), Rows.instant(rs, "ends_at"), rs.getString("note")));
                    }
                }
                return list;
            }
        });
    }
}
